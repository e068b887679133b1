package dev.qalam.search.analysis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.custom.CustomAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.util.ClasspathResourceLoader;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.ResourceLoader;

/**
 * The index's analysis chain, defined once and built for both engines: {@link #analyzer()} for Lucene,
 * {@link #openSearchSettings()} for an OpenSearch index. Every step is a component both engines ship under
 * a name (Lucene's SPI name / OpenSearch's filter name):
 *
 * <ol>
 *   <li>{@code standard} tokenizer (Unicode word boundaries, both scripts)</li>
 *   <li>English possessive ({@code englishPossessive} / {@code stemmer} {@code possessive_english}): "company's" to "company"</li>
 *   <li>{@code lowercase}</li>
 *   <li>{@code decimalDigit} / {@code decimal_digit}: Arabic-Indic (٠-٩) and Eastern Arabic-Indic (۰-۹) digits to 0-9</li>
 *   <li>{@code persianNormalization} / {@code persian_normalization}: Farsi yeh and keheh, which OCR emits for
 *       Arabic yaa and kaf, to the Arabic letters</li>
 *   <li>{@code arabicNormalization} / {@code arabic_normalization}: أ إ آ to ا, ى to ي, ة to ه, tatweel and
 *       diacritics removed</li>
 *   <li>{@code stop} with an explicit list: Lucene's Arabic list (normalised by the steps above, so it
 *       matches normalised text) and the Snowball English list (question words such as "what", "which",
 *       "does" included, which matters for questions)</li>
 *   <li>{@code arabicStem} / {@code arabic_stem}: light stemming (prefixes ال و ب ك ف ل, suffixes ها ان ات ون ين يه يه ه ي)</li>
 *   <li>{@code porterStem} / {@code porter_stem}: English stemming</li>
 * </ol>
 *
 * <p>Changing the chain changes what an existing index holds: bump {@link #VERSION}, which names the
 * Lucene folder and the OpenSearch index, so a new version starts a new index that the ingestion side
 * rebuilds from the database.
 */
public final class TextAnalysis {

    /** Part of the index's name: a different chain is a different index. */
    public static final int VERSION = 1;

    /** The analyzer's name in OpenSearch settings. */
    public static final String ANALYZER = "qalam_text";

    private static final String STOP_FILTER = "qalam_stop";
    private static final String POSSESSIVE_FILTER = "qalam_possessive";
    private static final String STOP_WORDS_RESOURCE = "qalam-stop-words.txt";

    /** One token filter: its Lucene SPI name and parameters, and its OpenSearch form. */
    private record Step(String lucene, Map<String, String> luceneParams, String openSearchName,
            Map<String, Object> openSearchCustom) {

        static Step builtIn(String lucene, String openSearch) {
            return new Step(lucene, Map.of(), openSearch, null);
        }
    }

    private static final Set<String> STOP_WORDS = stopWords();

    private static final List<Step> FILTERS = List.of(
            new Step("englishPossessive", Map.of(), POSSESSIVE_FILTER,
                    Map.of("type", "stemmer", "language", "possessive_english")),
            Step.builtIn("lowercase", "lowercase"),
            Step.builtIn("decimalDigit", "decimal_digit"),
            Step.builtIn("persianNormalization", "persian_normalization"),
            Step.builtIn("arabicNormalization", "arabic_normalization"),
            new Step("stop", Map.of("words", STOP_WORDS_RESOURCE, "format", "wordset", "ignoreCase", "false"),
                    STOP_FILTER, Map.of("type", "stop", "stopwords", List.copyOf(STOP_WORDS), "ignore_case", false)),
            Step.builtIn("arabicStem", "arabic_stem"),
            Step.builtIn("porterStem", "porter_stem"));

    private static final Analyzer ANALYZER_INSTANCE = build();

    private TextAnalysis() {
    }

    /** The Lucene analyzer of the chain; thread-safe, shared. */
    public static Analyzer analyzer() {
        return ANALYZER_INSTANCE;
    }

    /**
     * The {@code settings.analysis} object of an OpenSearch index defining {@value #ANALYZER} as the
     * same chain.
     */
    public static Map<String, Object> openSearchSettings() {
        Map<String, Object> filters = new LinkedHashMap<>();
        List<String> chain = new ArrayList<>();
        for (Step step : FILTERS) {
            chain.add(step.openSearchName());
            if (step.openSearchCustom() != null) {
                filters.put(step.openSearchName(), step.openSearchCustom());
            }
        }
        Map<String, Object> analyzer = new LinkedHashMap<>();
        analyzer.put("type", "custom");
        analyzer.put("tokenizer", "standard");
        analyzer.put("filter", chain);
        return Map.of("filter", filters, "analyzer", Map.of(ANALYZER, analyzer));
    }

    /** The stop words, in the normalised form the chain compares them in. */
    public static Set<String> stopWordSet() {
        return STOP_WORDS;
    }

    /** The terms of a text, in order, repeated as often as they occur. */
    public static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        forEachToken(text, (term, start, end) -> out.add(term));
        return out;
    }

    /** Receives each token of a text: its term and where it stands in the text. */
    @FunctionalInterface
    public interface TokenConsumer {
        void accept(String term, int startOffset, int endOffset);
    }

    /** Runs the chain over {@code text} (a field-less use: Lucene's analyzer has one chain for all fields). */
    public static void forEachToken(String text, TokenConsumer consumer) {
        try (TokenStream ts = ANALYZER_INSTANCE.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                consumer.accept(term.toString(), offset.startOffset(), offset.endOffset());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Analyzer build() {
        try {
            CustomAnalyzer.Builder b = CustomAnalyzer.builder(new StopWordsLoader()).withTokenizer("standard");
            for (Step step : FILTERS) {
                Map<String, String> params = new LinkedHashMap<>(step.luceneParams());
                b.addTokenFilter(step.lucene(), params);
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Arabic stop words normalised as the text will be (Lucene's list holds "إلى" and "الى"; after
     * normalisation the text holds "الي"), plus the Snowball English list. Sorted, so the OpenSearch
     * settings come out the same on every server.
     */
    private static Set<String> stopWords() {
        Set<String> words = new TreeSet<>();
        try {
            Analyzer normaliser = CustomAnalyzer.builder().withTokenizer("keyword")
                    .addTokenFilter("lowercase").addTokenFilter("decimalDigit")
                    .addTokenFilter("persianNormalization").addTokenFilter("arabicNormalization").build();
            CharArraySet arabic = ArabicAnalyzer.getDefaultStopSet();
            for (Object w : arabic) {
                String word = new String((char[]) w);
                words.add(normaliser.normalize("text", word).utf8ToString());
            }
            try (InputStream in = IOUtils.requireResourceNonNull(
                    ArabicAnalyzer.class.getClassLoader().getResourceAsStream("org/apache/lucene/analysis/snowball/english_stop.txt"),
                    "english_stop.txt");
                    Reader reader = IOUtils.getDecodingReader(in, StandardCharsets.UTF_8)) {
                CharArraySet english = WordlistLoader.getSnowballWordSet(reader);
                for (Object w : english) {
                    words.add(new String((char[]) w));
                }
            }
            normaliser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        words.remove("");
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(words));
    }

    /** Serves the stop-word list to Lucene's stop filter factory; everything else from the class path. */
    private static final class StopWordsLoader implements ResourceLoader {
        private final ClasspathResourceLoader classpath = new ClasspathResourceLoader(TextAnalysis.class.getClassLoader());

        @Override
        public InputStream openResource(String resource) throws IOException {
            if (STOP_WORDS_RESOURCE.equals(resource)) {
                return new ByteArrayInputStream(String.join("\n", STOP_WORDS).getBytes(StandardCharsets.UTF_8));
            }
            return classpath.openResource(resource);
        }

        @Override
        public <T> Class<? extends T> findClass(String cname, Class<T> expectedType) {
            return classpath.findClass(cname, expectedType);
        }
    }
}
