package dev.qalam.llm.embedding.local;

import dev.qalam.platform.config.DataDirectory;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The in-process embedding model behind {@code deep-sa/alEmbedding}: all-MiniLM-L6-v2 (int8 ONNX, 384
 * dimensions, English) by default, or any BERT-style ONNX model with a Hugging Face {@code tokenizer.json}
 * from {@code QALAM_EMBEDDING_MODEL_DIR} (a multilingual one for Arabic, for instance).
 *
 * <p>Vectors are pooled as sentence-transformers does for the model (mean over the attention mask unless
 * the folder says otherwise) and L2-normalised, so a dot product is the cosine. Texts longer than the
 * model's limit (256 word pieces for MiniLM, special tokens included) are truncated here; the API refuses them
 * before they get here, as OpenAI refuses inputs over a model's context ({@link #measure} counts cheaply).
 *
 * <p>Arabic and the bundled model: its vocabulary (BERT's uncased English one) holds the Arabic letters but
 * hardly any Arabic words, so Arabic text becomes a string of single-letter pieces ("الفاتورة" is ا ##ل ##ف
 * ##ا ##ت ##و ##ر ##ة; diacritics are stripped; Arabic-Indic digits and rarer letters such as ڤ become
 * [UNK]). The vectors are finite and unit length but carry little of the meaning; Arabic retrieval relies
 * on BM25 unless the operator configures a multilingual model.
 *
 * <p>The model loads on first use (about a second; once, shared by every caller). Settings:
 * {@code QALAM_EMBEDDING_THREADS} (ONNX Runtime intra-op threads per inference, default 1: under load
 * concurrent requests already use the cores) and {@code QALAM_EMBEDDING_BATCH_SIZE} (texts per inference,
 * default 16, for models whose vectors batching leaves unchanged; see {@link #embed}). A model that cannot
 * be loaded (a wrong folder, a graph with inputs a BERT encoder does not have) fails every call with an
 * {@link IllegalStateException} that says why.
 */
@ApplicationScoped
public class LocalEmbeddingModel {

    private static final Logger LOG = Logger.getLogger(LocalEmbeddingModel.class.getName());

    /** L2-normalised vectors in the order of the texts, and how many word pieces the texts had. */
    public record Embeddings(List<float[]> vectors, int tokens) {
    }

    /**
     * A text's length in word pieces as {@link #measure} found it.
     *
     * @param tokens the exact count, or when not {@code exact} an estimate scaled up from the text's start
     * @param charsTokenized how much of the text was tokenized to find out
     */
    public record Measure(long tokens, boolean exact, int charsTokenized) {
    }

    /**
     * More characters per word piece than any real text has (English averages about 4, Arabic with the bundled
     * English vocabulary about 1): a text longer than this many characters per allowed word piece cannot fit,
     * and only its start is tokenized to say by how much.
     */
    static final int MAX_CHARS_PER_TOKEN = 32;

    /**
     * How to run the model outside a container (tests, benchmarks).
     *
     * @param modelDirectory a model folder, or empty for the bundled all-MiniLM-L6-v2
     * @param batchSize most texts per inference; used only if batching leaves every vector unchanged
     *     (not so for the bundled model, see {@link #embed}), unless {@code batchAnyway}
     * @param batchAnyway batch even when that changes the vectors: only to measure what batching would give
     * @param nativeDir where the tokenizer's native library is unpacked (into a fresh folder, deleted once
     *     loaded); empty for the JVM's temporary folder
     */
    public record Settings(Optional<Path> modelDirectory, int threads, int batchSize, boolean batchAnyway,
            Optional<Path> nativeDir) {

        public Settings(Optional<Path> modelDirectory, int threads, int batchSize, Optional<Path> nativeDir) {
            this(modelDirectory, threads, batchSize, false, nativeDir);
        }
    }

    @Inject
    @ConfigProperty(name = "QALAM_EMBEDDING_MODEL_DIR")
    Optional<String> configuredDirectory;

    @Inject
    @ConfigProperty(name = "QALAM_EMBEDDING_THREADS", defaultValue = "1")
    int configuredThreads;

    @Inject
    @ConfigProperty(name = "QALAM_EMBEDDING_BATCH_SIZE", defaultValue = "16")
    int configuredBatchSize;

    @Inject
    DataDirectory dataDirectory;

    private final Object loadLock = new Object();
    private volatile OnnxTextEncoder encoder;
    private Settings settings;

    /** For CDI: settings come from MicroProfile Config. */
    public LocalEmbeddingModel() {
    }

    /** Outside a container, with explicit settings. */
    public LocalEmbeddingModel(Settings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    /** The model's name: "all-MiniLM-L6-v2", or the configured folder's name. Does not load the model. */
    public String name() {
        return ModelFiles.nameOf(settings().modelDirectory());
    }

    /** The vectors' length, read from the model's output shape (384 for the bundled model). */
    public int dimensions() {
        return encoder().dimensions();
    }

    /**
     * Embeds the texts, vectors in the caller's order. An empty text gets a vector too (that of the bare
     * special tokens). {@link Embeddings#tokens()} is the sum of {@link #countTokens} over the texts.
     *
     * <p>A text's vector never depends on the texts it is sent with. Models for which batching keeps that
     * true (checked when the model loads) run up to {@code QALAM_EMBEDDING_BATCH_SIZE} texts per inference,
     * similar lengths together to limit padding; dynamically quantised models, the bundled one among them,
     * run one text per inference, because one quantisation scale spans the whole batch.
     *
     * @throws IllegalStateException if the model cannot be loaded or run
     */
    public Embeddings embed(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        for (String text : texts) {
            Objects.requireNonNull(text, "a text to embed is null");
        }
        if (texts.isEmpty()) {
            return new Embeddings(List.of(), 0);
        }
        return encoder().embed(texts);
    }

    /**
     * The text's length in the model's word pieces, without the special tokens the model adds and before
     * truncation (a text longer than the model's limit counts in full, though only its start is embedded).
     */
    public int countTokens(String text) {
        return encoder().countTokens(Objects.requireNonNull(text, "text"));
    }

    /** The most word pieces a text may have to be embedded whole (the model's length less its special tokens). */
    public int maxTextTokens() {
        return encoder().maxTextTokens();
    }

    /**
     * The text's length in word pieces, found cheaply whatever its size: exact for a text of at most
     * {@code limit} x {@value #MAX_CHARS_PER_TOKEN} characters, which is tokenized whole; for a longer text (which
     * cannot fit in {@code limit} word pieces) only that many characters are tokenized, and the count is scaled
     * up from them (at least {@code limit + 1}).
     */
    public Measure measure(String text, int limit) {
        Objects.requireNonNull(text, "text");
        long cheap = (long) limit * MAX_CHARS_PER_TOKEN;
        if (text.length() <= cheap) {
            return new Measure(countTokens(text), true, text.length());
        }
        int end = (int) cheap;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        int start = countTokens(text.substring(0, end));
        long scaled = Math.round(start * ((double) text.length() / end));
        return new Measure(Math.max(limit + 1L, scaled), false, end);
    }

    private OnnxTextEncoder encoder() {
        OnnxTextEncoder loaded = encoder;
        if (loaded == null) {
            synchronized (loadLock) {
                loaded = encoder;
                if (loaded == null) {
                    loaded = load(settings());
                    encoder = loaded;
                }
            }
        }
        return loaded;
    }

    private static OnnxTextEncoder load(Settings s) {
        long start = System.nanoTime();
        ModelFiles files = ModelFiles.load(s.modelDirectory());
        OnnxTextEncoder loaded;
        // One load at a time in the JVM: DJL reads its extraction folder from a JVM-wide property.
        synchronized (TokenizerNatives.class) {
            Optional<Path> extraction = TokenizerNatives.prepare(s.nativeDir());
            try {
                loaded = OnnxTextEncoder.load(files, s.threads(), s.batchSize(), s.batchAnyway());
            } finally {
                TokenizerNatives.cleanUp(extraction);
            }
        }
        LOG.info(() -> String.format("Embedding model %s loaded in %d ms: %d dimensions, up to %d word pieces, "
                + "%d thread(s), %d text(s) per inference%s", loaded.name(), (System.nanoTime() - start) / 1_000_000,
                loaded.dimensions(), loaded.maxLength(), s.threads(), loaded.batchSize(),
                loaded.isBatchInvariant() ? "" : " (batching would change its vectors)"));
        return loaded;
    }

    private Settings settings() {
        Settings s = settings;
        if (s == null) {
            s = new Settings(
                    configuredDirectory.filter(d -> !d.isBlank()).map(Path::of),
                    configuredThreads,
                    configuredBatchSize,
                    Optional.of(dataDirectory.folder("native")));
            settings = s;
        }
        return s;
    }

    /** Frees the model's native memory; a later call loads it again. */
    @PreDestroy
    public void close() {
        synchronized (loadLock) {
            if (encoder != null) {
                encoder.close();
                encoder = null;
            }
        }
    }
}
