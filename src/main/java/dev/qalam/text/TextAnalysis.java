package dev.qalam.text;

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
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.ClasspathResourceLoader;
import org.apache.lucene.util.IOUtils;
import org.apache.lucene.util.ResourceLoader;

/**
 * Qalam's one text-analysis chain, used wherever text is matched: the search index (Lucene and OpenSearch)
 * and the extractive answerer's passage ranking ({@link PassageRanker}), so retrieval and answering never
 * disagree on what a word is. Defined once and built for both engines: {@link #analyzer()} for Lucene,
 * {@link #openSearchSettings()} for an OpenSearch index. Every step is a component both engines ship under
 * a name (Lucene's SPI name / OpenSearch's name):
 *
 * <ol>
 *   <li>{@code mapping} char filter with {@link TextNormalizer#charMappings()}: direction marks and other
 *       invisible characters removed (Tesseract and RTL editors put them inside words), alef wasla, dagger
 *       alef, Farsi yeh and keheh, Arabic presentation forms folded to letters</li>
 *   <li>{@code standard} tokenizer (Unicode word boundaries, both scripts)</li>
 *   <li>English possessive ({@code englishPossessive} / {@code stemmer} {@code possessive_english}): "company's" to "company"</li>
 *   <li>{@code lowercase}</li>
 *   <li>{@code decimalDigit} / {@code decimal_digit}: Arabic-Indic (٠-٩), Eastern Arabic-Indic (۰-۹) and every
 *       other script's digits to 0-9</li>
 *   <li>{@code persianNormalization} / {@code persian_normalization}: Persian letter forms OCR emits</li>
 *   <li>{@code arabicNormalization} / {@code arabic_normalization}: أ إ آ to ا, ى to ي, ة to ه, tatweel and
 *       diacritics removed</li>
 *   <li>{@code stop} with an explicit list: Lucene's Arabic list (normalised by the steps above, so it
 *       matches normalised text), the Snowball English list and the few words a question adds ("tell",
 *       "please", هل, ماذا...)</li>
 *   <li>{@code arabicStem} / {@code arabic_stem}: light stemming (prefixes ال و ب ك ف ل, suffixes ها ان ات ون ين يه ية ه ة ي)</li>
 *   <li>{@code porterStem} / {@code porter_stem}: English stemming</li>
 * </ol>
 *
 * <p>The Arabic steps only change Arabic letters and the English ones only Latin words, so one chain reads
 * Arabic, English and mixed text, and a query needs no language detection. Scoring is BM25 with Lucene's
 * and OpenSearch's defaults ({@link #similarity()}).
 *
 * <p>Changing the chain changes what an existing index holds: bump {@link #VERSION}, which names the
 * Lucene folder and the OpenSearch index, so a new version starts a new index that the server rebuilds
 * from the chunks kept in the database ({@code IndexRebuild}).
 */
public final class TextAnalysis {

    /** Part of the index's name: a different chain is a different index. */
    public static final int VERSION = 2;

    /** The analyzer's name in OpenSearch settings. */
    public static final String ANALYZER = "qalam_text";

    private static final String STOP_FILTER = "qalam_stop";
    private static final String POSSESSIVE_FILTER = "qalam_possessive";
    private static final String CHAR_FILTER = "qalam_chars";
    private static final String STOP_WORDS_RESOURCE = "qalam-stop-words.txt";
    private static final String MAPPING_RESOURCE = "qalam-char-mappings.txt";

    /** BM25's term-frequency saturation and length normalisation: Lucene's and OpenSearch's defaults. */
    public static final float BM25_K1 = 1.2f;
    public static final float BM25_B = 0.75f;

    /** Words a question adds that say nothing about what is asked, beyond each language's stop words. */
    private static final List<String> QUESTION_WORDS = List.of("can", "could", "tell", "please", "ماذا", "لماذا",
            "هل", "كم", "متى", "اين", "كيف");

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
        List<String> mappings = new ArrayList<>();
        TextNormalizer.charMappings().forEach((from, to) -> mappings.add(escape(from) + "=>" + escape(to)));
        Map<String, Object> analyzer = new LinkedHashMap<>();
        analyzer.put("type", "custom");
        analyzer.put("char_filter", List.of(CHAR_FILTER));
        analyzer.put("tokenizer", "standard");
        analyzer.put("filter", chain);
        return Map.of("char_filter", Map.of(CHAR_FILTER, Map.of("type", "mapping", "mappings", mappings)),
                "filter", filters, "analyzer", Map.of(ANALYZER, analyzer));
    }

    /** The scoring that goes with the chain. */
    public static Similarity similarity() {
        return new BM25Similarity(BM25_K1, BM25_B);
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
            CustomAnalyzer.Builder b = CustomAnalyzer.builder(new ListLoader())
                    .addCharFilter("mapping", new LinkedHashMap<>(Map.of("mapping", MAPPING_RESOURCE))).withTokenizer("standard");
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
            for (String w : QUESTION_WORDS) {
                words.add(normaliser.normalize("text", w).utf8ToString());
            }
            normaliser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        words.remove("");
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(words));
    }

    /** A character as both engines' mapping rules write it: {@code \\uXXXX} for every UTF-16 unit. */
    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
        }
        return sb.toString();
    }

    /**
     * Serves the stop-word list and the character mappings to Lucene's factories; everything else from the
     * class path.
     */
    private static final class ListLoader implements ResourceLoader {
        private final ClasspathResourceLoader classpath = new ClasspathResourceLoader(TextAnalysis.class.getClassLoader());

        @Override
        public InputStream openResource(String resource) throws IOException {
            if (STOP_WORDS_RESOURCE.equals(resource)) {
                return new ByteArrayInputStream(String.join("\n", STOP_WORDS).getBytes(StandardCharsets.UTF_8));
            }
            if (MAPPING_RESOURCE.equals(resource)) {
                StringBuilder rules = new StringBuilder();
                TextNormalizer.charMappings().forEach((from, to) ->
                        rules.append('"').append(escape(from)).append("\" => \"").append(escape(to)).append("\"\n"));
                return new ByteArrayInputStream(rules.toString().getBytes(StandardCharsets.UTF_8));
            }
            return classpath.openResource(resource);
        }

        @Override
        public <T> Class<? extends T> findClass(String cname, Class<T> expectedType) {
            return classpath.findClass(cname, expectedType);
        }
    }
}
