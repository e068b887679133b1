package dev.qalam.llm.embedding.local;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.qalam.llm.embedding.local.LocalEmbeddingModel.Embeddings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A BERT-style encoder run by ONNX Runtime: word pieces in, one L2-normalised vector per text out.
 * Thread-safe: the tokenizer and the ONNX session are shared by all callers ({@link OrtSession#run} may be
 * called concurrently); each call allocates its own tensors.
 */
final class OnnxTextEncoder implements AutoCloseable {

    private static final String INPUT_IDS = "input_ids";
    private static final String ATTENTION_MASK = "attention_mask";
    private static final String TOKEN_TYPE_IDS = "token_type_ids";
    /** Output names of sentence-transformers exports, already pooled (2-D) or per token (3-D). */
    private static final List<String> PREFERRED_OUTPUTS =
            List.of("sentence_embedding", "last_hidden_state", "token_embeddings");

    private final String name;
    private final int maxLength;
    private final Pooling pooling;
    private final int batchSize;
    private final boolean batchInvariant;
    private final OrtEnvironment env;
    private final OrtSession.SessionOptions options;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final Map<String, OnnxJavaType> inputTypes;
    private final String output;
    private final boolean outputPooled;
    private final long padId;
    private final int dimensions;
    /** The word pieces the model adds to every text ([CLS] and [SEP] for BERT). */
    private final int specialTokens;

    /** One text's word pieces, truncated to the model's length, and how many it had before. */
    record Tokens(long[] ids, long[] typeIds, int textTokens) {
    }

    private OnnxTextEncoder(ModelFiles files, OrtSession.SessionOptions options, OrtSession session,
            HuggingFaceTokenizer tokenizer, int batchSize, boolean batchAnyway) throws OrtException {
        this.name = files.name();
        this.maxLength = files.maxLength();
        this.pooling = files.pooling();
        this.env = OrtEnvironment.getEnvironment();
        this.options = options;
        this.session = session;
        this.tokenizer = tokenizer;
        this.inputTypes = inputTypes(session);
        this.output = pickOutput(session);
        long[] shape = ((TensorInfo) session.getOutputInfo().get(output).getInfo()).getShape();
        this.outputPooled = shape.length == 2;
        this.padId = padId(files.tokenizerJson());
        this.specialTokens = tokenizer.encode("").getIds().length;
        long declared = shape[shape.length - 1];
        this.dimensions = declared > 0 ? (int) declared : run(List.of(tokenize("dimension probe")))[0].length;
        this.batchInvariant = batchInvariant();
        this.batchSize = batchInvariant || batchAnyway ? batchSize : 1;
    }

    /**
     * Whether a text's vector is the same alone and in a batch. Not for dynamically quantised models such as
     * the bundled int8 MiniLM: their DynamicQuantizeLinear nodes pick one scale for the whole input tensor,
     * so the other texts of a batch (and the padding they cause) shift every vector (cosine 0.97-0.99 to the
     * vector of the same text alone, measured). A text must get the same vector whether it is a query
     * embedded alone or a document embedded with others, so such models run one text per inference.
     */
    private boolean batchInvariant() {
        Tokens shortText = tokenize("Batch probe.");
        Tokens longText = tokenize("A longer probe sentence, so that the short one is padded when both share a batch.");
        float[][] together = run(List.of(shortText, longText));
        float[] aloneShort = run(List.of(shortText))[0];
        float[] aloneLong = run(List.of(longText))[0];
        return maxDifference(together[0], aloneShort) < 1e-5 && maxDifference(together[1], aloneLong) < 1e-5;
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    /**
     * Loads the model. {@code threads} is ONNX Runtime's intra-op thread count for one inference: 1 keeps a
     * busy server's requests from competing for the same cores, more lowers one request's latency on an
     * idle machine. {@code batchSize} texts share an inference when that does not change their vectors, or
     * when {@code batchAnyway} says so (for measuring what batching would give).
     */
    static OnnxTextEncoder load(ModelFiles files, int threads, int batchSize, boolean batchAnyway) {
        if (threads < 1 || batchSize < 1) {
            throw new IllegalArgumentException("threads and batch size must be at least 1");
        }
        OrtSession.SessionOptions options = null;
        OrtSession session = null;
        HuggingFaceTokenizer tokenizer = null;
        try {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            options = sessionOptions(threads);
            session = files.onnxBytes().isPresent()
                    ? env.createSession(files.onnxBytes().get(), options)
                    : env.createSession(files.onnxPath().orElseThrow().toString(), options);
            // Truncation is done here rather than by the tokenizer, which would hide how long the text was;
            // the padding a tokenizer.json may ask for (the bundled one pads every text to 128) is off too.
            tokenizer = HuggingFaceTokenizer.newInstance(
                    new ByteArrayInputStream(files.tokenizerJson().getBytes(StandardCharsets.UTF_8)),
                    Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"));
            return new OnnxTextEncoder(files, options, session, tokenizer, batchSize, batchAnyway);
        } catch (OrtException | IOException | RuntimeException e) {
            // A model that cannot be loaded must not leave its native memory behind: the next call retries.
            closeQuietly(session, options, tokenizer);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Cannot load the embedding model " + files.name() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void closeQuietly(OrtSession session, OrtSession.SessionOptions options,
            HuggingFaceTokenizer tokenizer) {
        try {
            if (session != null) {
                session.close();
            }
        } catch (OrtException | RuntimeException ignored) {
            // Already failing; the original error is the one worth reporting.
        }
        if (options != null) {
            options.close();
        }
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    String name() {
        return name;
    }

    int dimensions() {
        return dimensions;
    }

    int maxLength() {
        return maxLength;
    }

    /** Texts per inference actually used. */
    int batchSize() {
        return batchSize;
    }

    boolean isBatchInvariant() {
        return batchInvariant;
    }

    int countTokens(String text) {
        return tokenize(text).textTokens();
    }

    /** The most word pieces of text one input may have: the model's length less its special tokens. */
    int maxTextTokens() {
        return Math.max(1, maxLength - specialTokens);
    }

    Embeddings embed(List<String> texts) {
        int n = texts.size();
        Tokens[] tokens = new Tokens[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            tokens[i] = tokenize(texts.get(i));
            total += tokens[i].textTokens();
        }
        // Texts of similar length share a batch, so little of each batch is padding.
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt(i -> tokens[i].ids().length));
        float[][] vectors = new float[n][];
        for (int start = 0; start < n; start += batchSize) {
            int end = Math.min(n, start + batchSize);
            List<Tokens> batch = new ArrayList<>(end - start);
            for (int k = start; k < end; k++) {
                batch.add(tokens[order[k]]);
            }
            float[][] out = run(batch);
            for (int k = start; k < end; k++) {
                vectors[order[k]] = out[k - start];
            }
        }
        return new Embeddings(List.of(vectors), total);
    }

    /**
     * Word pieces with the model's special tokens; more than {@link #maxLength()} loses the end of the text
     * (not the closing special token), as Hugging Face truncation of a single sequence does.
     */
    Tokens tokenize(String text) {
        Encoding encoding = tokenizer.encode(text);
        long[] ids = encoding.getIds();
        long[] types = encoding.getTypeIds();
        long[] special = encoding.getSpecialTokenMask();
        int lead = 0;
        while (lead < ids.length && special[lead] == 1) {
            lead++;
        }
        int trail = 0;
        while (trail < ids.length - lead && special[ids.length - 1 - trail] == 1) {
            trail++;
        }
        int textTokens = 0;
        for (long s : special) {
            textTokens += s == 0 ? 1 : 0;
        }
        if (ids.length <= maxLength) {
            return new Tokens(ids, types, textTokens);
        }
        int keep = Math.max(0, maxLength - lead - trail);
        long[] cutIds = new long[lead + keep + trail];
        long[] cutTypes = new long[cutIds.length];
        System.arraycopy(ids, 0, cutIds, 0, lead + keep);
        System.arraycopy(ids, ids.length - trail, cutIds, lead + keep, trail);
        System.arraycopy(types, 0, cutTypes, 0, lead + keep);
        System.arraycopy(types, types.length - trail, cutTypes, lead + keep, trail);
        return new Tokens(cutIds, cutTypes, textTokens);
    }

    private float[][] run(List<Tokens> batch) {
        int rows = batch.size();
        int cols = batch.stream().mapToInt(t -> t.ids().length).max().orElse(0);
        long[] ids = new long[rows * cols];
        long[] mask = new long[rows * cols];
        long[] types = new long[rows * cols];
        Arrays.fill(ids, padId);
        for (int r = 0; r < rows; r++) {
            Tokens t = batch.get(r);
            System.arraycopy(t.ids(), 0, ids, r * cols, t.ids().length);
            System.arraycopy(t.typeIds(), 0, types, r * cols, t.typeIds().length);
            Arrays.fill(mask, r * cols, r * cols + t.ids().length, 1L);
        }
        long[] shape = {rows, cols};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(INPUT_IDS, tensor(INPUT_IDS, ids, shape));
            inputs.put(ATTENTION_MASK, tensor(ATTENTION_MASK, mask, shape));
            if (inputTypes.containsKey(TOKEN_TYPE_IDS)) {
                inputs.put(TOKEN_TYPE_IDS, tensor(TOKEN_TYPE_IDS, types, shape));
            }
            try (OrtSession.Result result = session.run(inputs, Set.of(output))) {
                OnnxTensor out = (OnnxTensor) result.get(0);
                long[] outShape = out.getInfo().getShape();
                FloatBuffer values = out.getFloatBuffer();
                return outputPooled ? normalised(values, rows, (int) outShape[1])
                        : pooled(values, rows, cols, (int) outShape[2], mask);
            }
        } catch (OrtException e) {
            throw new IllegalStateException("Embedding inference failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private float[][] pooled(FloatBuffer hidden, int rows, int cols, int dim, long[] mask) {
        float[][] vectors = new float[rows][dim];
        for (int r = 0; r < rows; r++) {
            float[] v = vectors[r];
            int base = r * cols * dim;
            switch (pooling) {
                case CLS -> hidden.get(base, v, 0, dim);
                case MAX -> {
                    Arrays.fill(v, Float.NEGATIVE_INFINITY);
                    for (int t = 0; t < cols && mask[r * cols + t] == 1; t++) {
                        for (int d = 0; d < dim; d++) {
                            v[d] = Math.max(v[d], hidden.get(base + t * dim + d));
                        }
                    }
                }
                case MEAN -> {
                    int count = 0;
                    for (int t = 0; t < cols && mask[r * cols + t] == 1; t++, count++) {
                        for (int d = 0; d < dim; d++) {
                            v[d] += hidden.get(base + t * dim + d);
                        }
                    }
                    for (int d = 0; d < dim; d++) {
                        v[d] /= Math.max(count, 1);
                    }
                }
            }
            normalise(v);
        }
        return vectors;
    }

    private static float[][] normalised(FloatBuffer pooled, int rows, int dim) {
        float[][] vectors = new float[rows][dim];
        for (int r = 0; r < rows; r++) {
            pooled.get(r * dim, vectors[r], 0, dim);
            normalise(vectors[r]);
        }
        return vectors;
    }

    /** In place, as torch's F.normalize does (the epsilon keeps an all-zero vector finite). */
    static void normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        double norm = Math.max(Math.sqrt(sum), 1e-12);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (v[i] / norm);
        }
    }

    private OnnxTensor tensor(String input, long[] data, long[] shape) throws OrtException {
        if (inputTypes.get(input) == OnnxJavaType.INT32) {
            int[] narrow = new int[data.length];
            for (int i = 0; i < data.length; i++) {
                narrow[i] = (int) data[i];
            }
            return OnnxTensor.createTensor(env, IntBuffer.wrap(narrow), shape);
        }
        return OnnxTensor.createTensor(env, LongBuffer.wrap(data), shape);
    }

    private static OrtSession.SessionOptions sessionOptions(int threads) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        // Idle intra-op threads would otherwise spin between inferences, taking CPU from Liberty and OCR.
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    private static Map<String, OnnxJavaType> inputTypes(OrtSession session) throws OrtException {
        Map<String, OnnxJavaType> types = new HashMap<>();
        for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
            String input = e.getKey();
            if (!Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS).contains(input)) {
                throw new IllegalStateException("The embedding model needs an input this server cannot give: "
                        + input + " (supported: input_ids, attention_mask, token_type_ids)");
            }
            types.put(input, ((TensorInfo) e.getValue().getInfo()).type);
        }
        if (!types.containsKey(INPUT_IDS) || !types.containsKey(ATTENTION_MASK)) {
            throw new IllegalStateException("The embedding model must take input_ids and attention_mask, it takes "
                    + types.keySet());
        }
        return types;
    }

    private static String pickOutput(OrtSession session) throws OrtException {
        Map<String, NodeInfo> outputs = session.getOutputInfo();
        String chosen = PREFERRED_OUTPUTS.stream().filter(outputs::containsKey).findFirst()
                .orElse(outputs.keySet().iterator().next());
        NodeInfo info = outputs.get(chosen);
        if (!(info.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT
                || (t.getShape().length != 2 && t.getShape().length != 3)) {
            throw new IllegalStateException("The embedding model's output " + chosen
                    + " is not a float tensor of per-token or pooled vectors: " + info.getInfo());
        }
        return chosen;
    }

    /**
     * The id the tokenizer pads with (0 for BERT's [PAD], 1 for XLM-R's &lt;pad&gt;). Padded positions are
     * masked out of attention and pooling, so this only keeps the input looking like the model's own padding.
     */
    private static long padId(String tokenizerJson) {
        try (JsonReader reader = Json.createReader(new StringReader(tokenizerJson))) {
            JsonObject root = reader.readObject();
            if (root.get("padding") instanceof JsonObject padding && padding.get("pad_id") instanceof JsonNumber id) {
                return id.longValue();
            }
            if (root.get("added_tokens") instanceof JsonArray added) {
                for (JsonValue token : added) {
                    if (token instanceof JsonObject t && Set.of("[PAD]", "<pad>").contains(t.getString("content", ""))
                            && t.get("id") instanceof JsonNumber id) {
                        return id.longValue();
                    }
                }
            }
        }
        return 0;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        } finally {
            options.close();
            tokenizer.close();
        }
    }
}
