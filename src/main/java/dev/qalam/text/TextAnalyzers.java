package dev.qalam.text;

import java.io.IOException;
import java.io.Reader;
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
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;

/**
 * Qalam's Lucene analyzers, one per {@link Language} and one for mixed text, and the BM25 scoring that goes
 * with them. The Arabic and English chains are Lucene's own {@link ArabicAnalyzer} (normalisation, then the
 * light stemmer) and {@link EnglishAnalyzer} (Porter), in the same order, so that an OpenSearch index
 * defined with the same steps (a {@code mapping} char filter holding {@link TextNormalizer#charMappings()},
 * the standard tokenizer, {@code lowercase}, {@code decimal_digit}, the language's {@code stop},
 * {@code arabic_normalization}, a second {@code stop} with {@link #arabicNormalizedStopWords()},
 * {@code arabic_stem}; or {@code english_possessive_stemmer}, {@code lowercase}, {@code decimal_digit},
 * {@code stop}, {@code porter_stem}) indexes exactly the same terms. Each chain starts with that char filter
 * (direction marks inside words, alef wasla, Persian yeh and kaf, presentation forms) and folds every
 * script's digits to Latin ones.
 *
 * <p>Analyzers are thread-safe: keep one per use.
 */
public final class TextAnalyzers {

    /** BM25's term-frequency saturation and length normalisation: Lucene's and OpenSearch's defaults. */
    public static final float BM25_K1 = 1.2f;
    public static final float BM25_B = 0.75f;

    /** Words of a question that say nothing about what is asked (on top of each language's stop words). */
    private static final List<String> QUESTION_WORDS = List.of("what", "which", "who", "whom", "how", "when",
            "where", "why", "does", "do", "did", "is", "are", "was", "were", "can", "about", "tell", "me", "please",
            "ما", "ماذا", "من", "متى", "أين", "كيف", "لماذا", "هل", "كم");

    /**
     * Lucene's Arabic stop words as normalisation leaves them: its list is meant for text before
     * normalisation and misses common spellings such as فى (for في) that normalisation produces.
     */
    private static final CharArraySet ARABIC_NORMALIZED_STOP_WORDS;
    private static final CharArraySet BILINGUAL_STOP_WORDS;

    static {
        CharArraySet normalized = new CharArraySet(16, false);
        for (Object w : ArabicAnalyzer.getDefaultStopSet()) {
            normalized.add(TextNormalizer.forIndex(new String((char[]) w)));
        }
        ARABIC_NORMALIZED_STOP_WORDS = CharArraySet.unmodifiableSet(normalized);
        CharArraySet s = new CharArraySet(ArabicAnalyzer.getDefaultStopSet(), true);
        s.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        s.addAll(QUESTION_WORDS);
        BILINGUAL_STOP_WORDS = CharArraySet.unmodifiableSet(s);
    }

    private TextAnalyzers() {
    }

    /** The scoring every Qalam index uses with these analyzers. */
    public static Similarity similarity() {
        return new BM25Similarity(BM25_K1, BM25_B);
    }

    public static Analyzer forLanguage(Language language) {
        return language == Language.ARABIC ? arabic() : english();
    }

    /**
     * Lucene's Arabic chain: normalisation (alef, yaa, taa marbuta, tatweel, harakat) and light stemming,
     * with the stop words removed again once normalised ({@link #arabicNormalizedStopWords()}).
     */
    public static Analyzer arabic() {
        return new Chain() {
            @Override
            TokenStream filter(TokenStream t) {
                t = new LowerCaseFilter(t);
                t = new DecimalDigitFilter(t);
                t = new StopFilter(t, ArabicAnalyzer.getDefaultStopSet());
                t = new ArabicNormalizationFilter(t);
                t = new StopFilter(t, ARABIC_NORMALIZED_STOP_WORDS);
                return new ArabicStemFilter(t);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ArabicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(in)));
            }
        };
    }

    /** Lucene's English chain: possessives, stop words, Porter stemming. */
    public static Analyzer english() {
        return new Chain() {
            @Override
            TokenStream filter(TokenStream t) {
                t = new EnglishPossessiveFilter(t);
                t = new LowerCaseFilter(t);
                t = new DecimalDigitFilter(t);
                t = new StopFilter(t, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
                return new PorterStemFilter(t);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new DecimalDigitFilter(new LowerCaseFilter(in));
            }
        };
    }

    /**
     * Both chains in one, for text that mixes the languages (an Arabic question about an English passage
     * with Arabic names in it): the Arabic normaliser and stemmer only touch Arabic letters and the Porter
     * stemmer only rewrites Latin suffixes, so each language's words get their own treatment. Also drops
     * question words, which is what the extractive answerer ranks with.
     */
    public static Analyzer bilingual() {
        return new Chain() {
            @Override
            TokenStream filter(TokenStream t) {
                t = new LowerCaseFilter(t);
                t = new DecimalDigitFilter(t);
                t = new EnglishPossessiveFilter(t);
                t = new StopFilter(t, BILINGUAL_STOP_WORDS);
                t = new ArabicNormalizationFilter(t);
                t = new StopFilter(t, ARABIC_NORMALIZED_STOP_WORDS);
                t = new ArabicStemFilter(t);
                return new PorterStemFilter(t);
            }

            @Override
            protected TokenStream normalize(String fieldName, TokenStream in) {
                return new ArabicNormalizationFilter(new DecimalDigitFilter(new LowerCaseFilter(in)));
            }
        };
    }

    /** The Arabic stop words after normalisation: the second stop filter's list (for an OpenSearch mapping). */
    public static CharArraySet arabicNormalizedStopWords() {
        return ARABIC_NORMALIZED_STOP_WORDS;
    }

    /** The analysed terms of {@code text}, in order. */
    public static List<String> terms(Analyzer analyzer, String text) {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
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

    /** The standard tokenizer after {@link TextNormalizer}'s char filter, then a language's filters. */
    private abstract static class Chain extends Analyzer {

        abstract TokenStream filter(TokenStream tokens);

        @Override
        protected Reader initReader(String fieldName, Reader reader) {
            return new MappingCharFilter(TextNormalizer.charMap(), reader);
        }

        @Override
        protected Reader initReaderForNormalization(String fieldName, Reader reader) {
            return new MappingCharFilter(TextNormalizer.charMap(), reader);
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, filter(source));
        }
    }
}
