package dev.qalam.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The filter chains of Lucene's {@link ArabicAnalyzer} and {@link EnglishAnalyzer} in one analyzer, so
 * that a question and a context may mix the two languages (an Arabic question about an English passage
 * with Arabic names in it). The Arabic normaliser and stemmer only touch Arabic letters and the Porter
 * stemmer only rewrites Latin suffixes, so each language's words get their own language's treatment.
 */
public final class BilingualAnalyzer extends Analyzer {

    private static final CharArraySet STOP_WORDS;

    static {
        CharArraySet s = new CharArraySet(ArabicAnalyzer.getDefaultStopSet(), true);
        s.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        for (String w : List.of("what", "which", "who", "whom", "how", "when", "where", "why", "does", "do",
                "did", "is", "are", "was", "were", "can", "about", "tell", "me", "please", "ما", "ماذا", "من",
                "متى", "أين", "كيف", "لماذا", "هل", "كم")) {
            s.add(w);
        }
        STOP_WORDS = CharArraySet.unmodifiableSet(s);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream t = new LowerCaseFilter(source);
        t = new DecimalDigitFilter(t);
        t = new EnglishPossessiveFilter(t);
        t = new StopFilter(t, STOP_WORDS);
        t = new ArabicNormalizationFilter(t);
        t = new ArabicStemFilter(t);
        t = new PorterStemFilter(t);
        return new TokenStreamComponents(source, t);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ArabicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(in)));
    }

    /** The analysed terms of {@code text}, in order. */
    public List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                if (term.length() > 0) {
                    out.add(term.toString());
                }
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
