/**
 * Embeddings computed in the server's own process, the default behind {@code deep-sa/alEmbedding}:
 * {@link dev.qalam.llm.embedding.local.LocalEmbeddingModel} runs a BERT-style sentence encoder with ONNX
 * Runtime and tokenizes with Hugging Face's tokenizers (through DJL's bindings).
 *
 * <p>Why these pieces: ONNX Runtime and the tokenizers library together are about 78 MB on the class path
 * against 120 MB for langchain4j's wrapper, and give the same vectors; the bundled model file comes from
 * langchain4j's all-MiniLM-L6-v2 artifact (Maven Central is the only registry the server's builds reach),
 * whose code is not used. Both libraries carry native code for Linux x86_64 in their jars and extract it at
 * first use: nothing is downloaded (see {@code TokenizerNatives} for DJL's settings).
 *
 * <p>A pitfall measured with ONNX Runtime 1.29 on Linux: creating its environment crashes the JVM
 * (SIGSEGV) when the JVM's command line is longer than about 4 KB, e.g. {@code java -cp} with a long
 * class path. Liberty, surefire (manifest-only jar) and {@code java @argfile} keep it short.
 */
package dev.qalam.llm.embedding.local;
