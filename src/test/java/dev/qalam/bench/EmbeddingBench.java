package dev.qalam.bench;

import dev.qalam.llm.embedding.local.LocalEmbeddingModel;
import dev.qalam.llm.embedding.local.LocalEmbeddingModel.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throughput of the in-process embedding model: sentences per second for several batch sizes and ONNX
 * Runtime thread counts, on a fixed corpus generated from a seed, and the process's peak resident memory.
 * Run by {@code bench/embeddings/run.sh}; {@code QALAM_EMBEDDING_MODEL_DIR} selects another model.
 */
public final class EmbeddingBench {

    private static final String[] SUBJECTS = {"The contract", "Our supplier", "The ministry", "This invoice",
        "The new policy", "A customer", "The quarterly report", "The delivery team", "The court", "The bank"};
    private static final String[] VERBS = {"requires", "describes", "rejects", "approves", "summarises",
        "delays", "mentions", "updates", "questions", "confirms"};
    private static final String[] OBJECTS = {"the payment schedule", "a revised budget for next year",
        "the terms of the lease", "several missing documents", "the shipment to Riyadh",
        "an extension of the deadline", "the audit findings", "the tender for road maintenance",
        "the employee handbook", "a refund of the deposit"};
    private static final String[] TAILS = {"", " before the end of the month",
        " after the meeting with the legal department on Tuesday",
        " because the previous version contained several errors in the tables and the annex",
        " as requested by the regional office, which asked for a detailed breakdown of every cost item, "
            + "the names of the responsible managers and a timeline for each phase of the project"};

    private EmbeddingBench() {
    }

    public static void main(String[] args) throws Exception {
        int corpusSize = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<String> corpus = corpus(corpusSize, 42);
        Optional<Path> dir = Optional.ofNullable(System.getenv("QALAM_EMBEDDING_MODEL_DIR"))
                .filter(s -> !s.isBlank()).map(Path::of);
        Path nativeCache = Files.createDirectories(Path.of("target", "native"));
        double words = corpus.stream().mapToInt(s -> s.split(" ").length).average().orElse(0);
        System.out.printf("corpus: %d sentences, %.1f words on average; %d cores; best of %d rounds%n",
                corpus.size(), words, Runtime.getRuntime().availableProcessors(), ROUNDS);
        System.out.printf("%-8s %-7s %-8s %12s %14s%n", "threads", "batch", "callers", "sentences/s", "peak RSS MB");
        for (int threads : new int[] {1, 2}) {
            for (int batch : new int[] {1, 8, 16, 32}) {
                // Forced batches: the bundled model's vectors then depend on their batch neighbours, which
                // is why the server runs it one text per inference (the batch 1 rows); this shows the cost.
                measure(new Settings(dir, threads, batch, true, Optional.of(nativeCache)), corpus, 1);
            }
        }
        for (int callers : new int[] {1, 2}) {
            measure(new Settings(dir, 1, 16, false, Optional.of(nativeCache)), corpus, callers);
        }
        System.out.println("batch: texts per inference, forced (\"server\": what the server does, one at a time for"
                + " the bundled model); peak RSS: the whole JVM's, from loading the model to the end of the row");
    }

    private static final int ROUNDS = 3;

    /** Sentences per second, the corpus split among {@code callers} threads calling the one shared model. */
    private static void measure(Settings settings, List<String> corpus, int callers) throws Exception {
        System.gc();
        resetPeakResident();
        LocalEmbeddingModel model = new LocalEmbeddingModel(settings);
        try {
            model.embed(corpus.subList(0, Math.min(100, corpus.size())));
            double best = 0;
            for (int round = 0; round < ROUNDS; round++) {
                ExecutorService pool = Executors.newFixedThreadPool(callers);
                long start = System.nanoTime();
                List<Future<?>> parts = new ArrayList<>();
                int slice = (corpus.size() + callers - 1) / callers;
                for (int c = 0; c < callers; c++) {
                    List<String> part = corpus.subList(c * slice, Math.min(corpus.size(), (c + 1) * slice));
                    parts.add(pool.submit(() -> model.embed(part)));
                }
                for (Future<?> f : parts) {
                    f.get();
                }
                best = Math.max(best, corpus.size() / ((System.nanoTime() - start) / 1e9));
                pool.shutdown();
            }
            System.out.printf("%-8d %-7s %-8d %12.0f %14s%n", settings.threads(),
                    settings.batchAnyway() ? settings.batchSize() : "server", callers, best, peakResidentMb());
        } finally {
            model.close();
        }
    }

    /** Sentences of 4 to about 50 words from a fixed vocabulary, reproducible from the random seed. */
    static List<String> corpus(int n, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(SUBJECTS[random.nextInt(SUBJECTS.length)] + " " + VERBS[random.nextInt(VERBS.length)] + " "
                    + OBJECTS[random.nextInt(OBJECTS.length)] + TAILS[random.nextInt(TAILS.length)] + ".");
        }
        return out;
    }

    /** Linux resets a process's peak resident size (VmHWM) when "5" is written to its clear_refs. */
    private static void resetPeakResident() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // Not Linux, or not allowed: the figure is then the peak since the JVM started.
        }
    }

    private static String peakResidentMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return "n/a";
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmHWM:"))
                .map(l -> l.replaceAll("[^0-9]", ""))
                .map(kb -> String.valueOf(Long.parseLong(kb) / 1024)).findFirst().orElse("n/a");
    }
}
