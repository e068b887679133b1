package dev.qalam.llm.embedding.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.llm.embedding.local.LocalEmbeddingModel.Embeddings;
import dev.qalam.llm.embedding.local.LocalEmbeddingModel.Settings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled all-MiniLM-L6-v2, really loaded and run (about a second to load). */
class LocalEmbeddingModelTest {

    private static LocalEmbeddingModel model;

    @BeforeAll
    static void load() {
        model = new LocalEmbeddingModel(new Settings(Optional.empty(), 1, 16, Optional.of(Path.of("target", "native"))));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static float[] embed(String text) {
        return model.embed(List.of(text)).vectors().get(0);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static void assertUnitAndFinite(float[] v) {
        for (float x : v) {
            assertTrue(Float.isFinite(x), "finite component");
        }
        assertEquals(1.0, Math.sqrt(dot(v, v)), 1e-4, "unit length");
    }

    @Test
    void nameAndDimensions() {
        assertEquals("all-MiniLM-L6-v2", model.name());
        assertEquals(384, model.dimensions());
        assertEquals(384, embed("hello world").length);
    }

    @Test
    void vectorsAreUnitLength() {
        for (String text : List.of("hello world", "A much longer sentence about the quarterly financial report.", "x")) {
            assertUnitAndFinite(embed(text));
        }
    }

    /**
     * The first components langchain4j's own AllMiniLmL6V2QuantizedEmbeddingModel (1.20.0-beta30, with its
     * own ONNX Runtime 1.20 and tokenizer) gives for "hello world", recorded from a throwaway program run
     * against that library: the same model file through independent code.
     */
    @Test
    void matchesLangchain4jReferenceForHelloWorld() {
        float[] expected = {-0.035676897f, 0.020679193f, 0.0047046193f, 0.026537031f, -0.050291054f,
                -0.16263703f, 0.0746432f, -0.004593971f};
        float[] v = embed("hello world");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], v[i], 1e-4, "component " + i);
        }
        assertEquals(0.024001423f, v[100], 1e-4);
        assertEquals(0.038156793f, v[383], 1e-4);
    }

    @Test
    void deterministic() {
        assertArrayEquals(embed("The cat sits on the mat."), embed("The cat sits on the mat."));
    }

    @Test
    void paraphraseIsCloserThanUnrelatedSentence() {
        String[][] triples = {
            {"How do I reset my password?", "What are the steps to change my account password?",
                "The stock market closed higher on Friday after strong earnings."},
            {"The invoice must be paid within thirty days.", "Payment of the bill is due in 30 days.",
                "Penguins live mostly in the Southern Hemisphere."},
            {"A man is playing a guitar on stage.", "Someone performs music with a guitar at a concert.",
                "The recipe calls for two cups of flour and an egg."},
        };
        for (String[] t : triples) {
            float[] anchor = embed(t[0]);
            double paraphrase = dot(anchor, embed(t[1]));
            double unrelated = dot(anchor, embed(t[2]));
            assertTrue(paraphrase > unrelated + 0.3,
                    "paraphrase " + paraphrase + " should beat unrelated " + unrelated + " for: " + t[0]);
        }
    }

    @Test
    void batchGivesTheSameVectorsAsOneByOne() {
        List<String> texts = mixedLengths();
        Embeddings batched = model.embed(texts);
        assertEquals(texts.size(), batched.vectors().size());
        int tokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            float[] single = embed(texts.get(i));
            float[] inBatch = batched.vectors().get(i);
            for (int d = 0; d < single.length; d++) {
                assertEquals(single[d], inBatch[d], 1e-5, "text " + i + " component " + d);
            }
            tokens += model.countTokens(texts.get(i));
        }
        assertEquals(tokens, batched.tokens());
    }

    /**
     * The batching path itself (sorting by length, padding, putting vectors back in order), run on the
     * bundled model by forcing batches: its vectors then move a little with their batch neighbours, so each
     * is checked to be far closer to its own text's vector than to any other text's.
     */
    @Test
    void forcedBatchesKeepTheCallersOrder() {
        LocalEmbeddingModel batching = new LocalEmbeddingModel(
                new Settings(Optional.empty(), 1, 4, true, Optional.of(Path.of("target", "native"))));
        try {
            List<String> texts = mixedLengths();
            List<float[]> batched = batching.embed(texts).vectors();
            List<float[]> singles = texts.stream().map(LocalEmbeddingModelTest::embed).toList();
            for (int i = 0; i < texts.size(); i++) {
                double own = dot(batched.get(i), singles.get(i));
                assertTrue(own > 0.95, "text " + i + " cosine to its own vector " + own);
                for (int j = 0; j < texts.size(); j++) {
                    if (j != i) {
                        assertTrue(dot(batched.get(i), singles.get(j)) < own, "text " + i + " closer to text " + j);
                    }
                }
            }
        } finally {
            batching.close();
        }
    }

    /** Callers racing on a model that is not loaded yet share one load and get the vectors a lone caller gets. */
    @Test
    void concurrentCallersShareOneModel() throws Exception {
        LocalEmbeddingModel fresh = new LocalEmbeddingModel(
                new Settings(Optional.empty(), 1, 16, Optional.of(Path.of("target", "native"))));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<String> texts = mixedLengths();
            List<Future<Embeddings>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> fresh.embed(texts)));
            }
            List<float[]> expected = model.embed(texts).vectors();
            for (Future<Embeddings> result : results) {
                List<float[]> got = result.get(2, TimeUnit.MINUTES).vectors();
                for (int i = 0; i < texts.size(); i++) {
                    assertArrayEquals(expected.get(i), got.get(i), "text " + i);
                }
            }
        } finally {
            pool.shutdownNow();
            fresh.close();
        }
    }

    @Test
    void emptyTextAndEmptyList() {
        assertUnitAndFinite(embed(""));
        assertEquals(0, model.countTokens(""));
        Embeddings none = model.embed(List.of());
        assertTrue(none.vectors().isEmpty());
        assertEquals(0, none.tokens());
    }

    @Test
    void nullTextIsRejected() {
        List<String> withNull = new ArrayList<>();
        withNull.add("fine");
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> model.embed(withNull));
        assertThrows(NullPointerException.class, () -> model.countTokens(null));
    }

    /** Beyond 256 word pieces the text is cut: two texts that differ only after that point embed alike. */
    @Test
    void longInputIsTruncatedNotRejected() {
        String head = "The committee reviewed the annual budget and the staffing plan in detail. ".repeat(30);
        String a = head + "Finally it approved everything.";
        String b = head + "Zebras, volcanoes and jazz were never mentioned at all.";
        assertTrue(model.countTokens(a) > 256, "the text is longer than the model's limit");
        assertArrayEquals(embed(a), embed(b));
        assertUnitAndFinite(embed(a));
        assertNotEquals(dot(embed(a), embed(head.substring(0, 80))), 1.0);
    }

    /**
     * The bundled model's vocabulary has Arabic letters but few Arabic words: Arabic becomes single-letter
     * pieces. The vector must still be a proper unit vector, and differ from an English text's.
     */
    @Test
    void measureCountsShortTextsExactlyAndHugeOnesFromTheirStartOnly() {
        int limit = model.maxTextTokens();
        assertEquals(254, limit, "MiniLM's 256 word pieces less [CLS] and [SEP]");
        String sentence = "The quick brown fox jumps over the lazy dog. ";
        LocalEmbeddingModel.Measure shortText = model.measure(sentence, limit);
        assertTrue(shortText.exact());
        assertEquals(model.countTokens(sentence), shortText.tokens());
        String paragraph = sentence.repeat(30);
        LocalEmbeddingModel.Measure over = model.measure(paragraph, limit);
        assertTrue(over.exact());
        assertEquals(model.countTokens(paragraph), over.tokens());
        assertTrue(over.tokens() > limit, "30 sentences do not fit: " + over.tokens());

        String huge = sentence.repeat(30 * 1024 * 1024 / sentence.length());
        LocalEmbeddingModel.Measure hugeCount = model.measure(huge, limit);
        assertTrue(!hugeCount.exact());
        assertTrue(hugeCount.charsTokenized() <= limit * LocalEmbeddingModel.MAX_CHARS_PER_TOKEN,
                "tokenized only the start: " + hugeCount.charsTokenized());
        long exactPerSentence = model.countTokens(sentence);
        long expected = exactPerSentence * (huge.length() / sentence.length());
        assertTrue(Math.abs(hugeCount.tokens() - expected) < expected / 20, hugeCount + " vs about " + expected);

        // Characters that hardly make word pieces (whitespace) still cannot fit past the bound.
        LocalEmbeddingModel.Measure blank = model.measure(" ".repeat(limit * LocalEmbeddingModel.MAX_CHARS_PER_TOKEN + 1), limit);
        assertEquals(limit + 1, blank.tokens());
    }

    @Test
    void arabicTextGivesAFiniteUnitVector() {
        String arabic = "يجب دفع الفاتورة خلال ثلاثين يوما من تاريخ الاستلام.";
        float[] v = embed(arabic);
        assertUnitAndFinite(v);
        assertTrue(model.countTokens(arabic) >= arabic.replace(" ", "").length() / 2,
                "Arabic words are split into letter pieces");
        assertTrue(dot(v, embed("The invoice must be paid within thirty days.")) < 0.99);
    }

    @Test
    void countTokensIsSensible() {
        assertEquals(2, model.countTokens("hello world"));
        assertEquals(3, model.countTokens("Hello, World"), "word pieces: hello , world");
        int sentence = model.countTokens("The quarterly report describes the revised payment schedule.");
        assertTrue(sentence >= 8 && sentence <= 14, "about one piece per word: " + sentence);
        String longText = "word ".repeat(1000);
        assertEquals(1000, model.countTokens(longText), "counted in full, before truncation");
    }

    /**
     * A model folder as QALAM_EMBEDDING_MODEL_DIR gives it: the bundled files laid out as a sentence-transformers
     * export. Without pooling config it pools by mean and gives the bundled model's vectors; its name is the
     * folder's; a shorter max_seq_length truncates earlier.
     */
    @Test
    void modelFolderIsLoadedWithItsOwnSettings(@TempDir Path temp) throws Exception {
        Path dir = Files.createDirectories(temp.resolve("my-minilm"));
        writeBundledFiles(dir);
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 16, \"do_lower_case\": false}");
        LocalEmbeddingModel folder = new LocalEmbeddingModel(
                new Settings(Optional.of(dir), 1, 16, Optional.of(Path.of("target", "native"))));
        try {
            assertEquals("my-minilm", folder.name());
            assertEquals(384, folder.dimensions());
            float[] v = folder.embed(List.of("hello world")).vectors().get(0);
            assertArrayEquals(embed("hello world"), v, 1e-6f);
            String longer = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
            assertArrayEquals(folder.embed(List.of(longer + " fifteen sixteen")).vectors().get(0),
                    folder.embed(List.of(longer + " and many other words")).vectors().get(0));
        } finally {
            folder.close();
        }
    }

    @Test
    void folderSettingsAreRead(@TempDir Path dir) throws Exception {
        assertEquals(Pooling.MEAN, ModelFiles.pooling(dir));
        assertEquals(512, ModelFiles.maxLength(dir));

        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"xlm-roberta\", \"max_position_embeddings\": 514}");
        assertEquals(512, ModelFiles.maxLength(dir));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 1000000000000000019884624838656}");
        assertEquals(512, ModelFiles.maxLength(dir), "the 'no limit' sentinel is ignored");
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"model_max_length\": 384}");
        assertEquals(384, ModelFiles.maxLength(dir));
        Files.writeString(dir.resolve("sentence_bert_config.json"), "{\"max_seq_length\": 128}");
        assertEquals(128, ModelFiles.maxLength(dir));

        Files.writeString(dir.resolve("modules.json"), """
                [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                 {"idx": 1, "name": "1", "path": "pool", "type": "sentence_transformers.models.Pooling"},
                 {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"}]
                """);
        Files.createDirectories(dir.resolve("pool"));
        Files.writeString(dir.resolve("pool/config.json"),
                "{\"word_embedding_dimension\": 768, \"pooling_mode_cls_token\": true, \"pooling_mode_mean_tokens\": false}");
        assertEquals(Pooling.CLS, ModelFiles.pooling(dir));
    }

    @Test
    void folderWithoutModelFilesIsExplained(@TempDir Path dir) {
        IllegalStateException noOnnx = assertThrows(IllegalStateException.class, () -> ModelFiles.fromDirectory(dir));
        assertTrue(noOnnx.getMessage().contains("No .onnx"), noOnnx.getMessage());
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> ModelFiles.fromDirectory(dir.resolve("absent")));
        assertTrue(missing.getMessage().contains("not a folder"), missing.getMessage());
    }

    @Test
    void brokenModelFileFailsEveryCallWithTheReason(@TempDir Path dir) throws Exception {
        writeBundledFiles(dir);
        Files.write(dir.resolve("model.onnx"), "not an onnx graph".getBytes());
        LocalEmbeddingModel broken = new LocalEmbeddingModel(
                new Settings(Optional.of(dir), 1, 16, Optional.of(Path.of("target", "native"))));
        for (int attempt = 0; attempt < 2; attempt++) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.embed(List.of("hello")));
            assertTrue(e.getMessage().contains("Cannot load the embedding model"), e.getMessage());
        }
    }

    private static void writeBundledFiles(Path dir) throws Exception {
        ClassLoader loader = LocalEmbeddingModelTest.class.getClassLoader();
        try (InputStream onnx = loader.getResourceAsStream("all-minilm-l6-v2-q.onnx");
                InputStream tokenizer = loader.getResourceAsStream("all-minilm-l6-v2-q-tokenizer.json")) {
            Files.copy(onnx, dir.resolve("model.onnx"));
            Files.copy(tokenizer, dir.resolve("tokenizer.json"));
        }
    }

    /** Distinct texts of very different lengths, shuffled so that sorting by length reorders them. */
    private static List<String> mixedLengths() {
        List<String> texts = new ArrayList<>();
        texts.add("");
        for (int i = 0; i < 30; i++) {
            texts.add(switch (i % 3) {
                case 0 -> "Short text number " + i + ".";
                case 1 -> "A medium sized sentence about contracts, invoices and payments, number " + i + ".";
                default -> ("A long paragraph that repeats itself to make the input much longer than the others. ")
                        .repeat(1 + i / 3) + "Its number is " + i + ".";
            });
        }
        return texts;
    }
}
