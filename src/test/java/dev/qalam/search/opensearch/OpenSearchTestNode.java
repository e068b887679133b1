package dev.qalam.search.opensearch;

import dev.qalam.testing.LogTail;
import dev.qalam.testing.Poll;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OpenSearch 2.19.1 node (with the k-NN plugin) in its own JVM, started from the jars the build lays
 * out in target/opensearch-node (pom.xml explains why not on the test class path), once for the whole test
 * run and stopped at its end. Small: a 384 MB heap. Ports: {@code qalam.opensearchHttpPort} and
 * {@code qalam.opensearchTransportPort}, by default {@code HTTP_PORT} + 40 and + 50 (9120 and 9130 for the
 * default 9080), so suites on different HTTP ports do not collide. A node that cannot start fails the tests.
 */
public final class OpenSearchTestNode implements ExtensionContext.Store.CloseableResource {

    private final Process process;
    private final URI url;
    private final Path home;
    private final Path log;

    private OpenSearchTestNode(Process process, URI url, Path home, Path log) {
        this.process = process;
        this.url = url;
        this.home = home;
        this.log = log;
    }

    /** JUnit extension: starts the node once per test run (the root store closes it at the end). */
    public static final class Extension implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(OpenSearchTestNode.class, k -> start(), OpenSearchTestNode.class);
        }
    }

    private static volatile OpenSearchTestNode running;

    /** The node the extension started. */
    public static OpenSearchTestNode get() {
        if (running == null) {
            throw new IllegalStateException("Add @ExtendWith(OpenSearchTestNode.Extension.class)");
        }
        return running;
    }

    public URI url() {
        return url;
    }

    static OpenSearchTestNode start() {
        Path dir = Path.of(System.getProperty("qalam.opensearchNode", "target/opensearch-node")).toAbsolutePath();
        Path launcher = Path.of(System.getProperty("qalam.opensearchLauncher", "src/test/opensearch-node/OpenSearchNodeMain.java"))
                .toAbsolutePath();
        if (!Files.isDirectory(dir.resolve("lib")) || !Files.isDirectory(dir.resolve("knn"))) {
            throw new IllegalStateException("No OpenSearch node class path at " + dir + " (the build lays it out: mvn test)");
        }
        int base = Optional.ofNullable(System.getenv("HTTP_PORT")).map(Integer::parseInt).orElse(9080);
        int httpPort = Integer.getInteger("qalam.opensearchHttpPort", base + 40);
        int transportPort = Integer.getInteger("qalam.opensearchTransportPort", base + 50);
        for (int port : List.of(httpPort, transportPort)) {
            if (inUse(port)) {
                throw new IllegalStateException("Port " + port + " is in use: another OpenSearch test node? "
                        + "Set qalam.opensearchHttpPort / qalam.opensearchTransportPort or stop it");
            }
        }
        try {
            Path home = Files.createTempDirectory(Files.createDirectories(dir.resolve("runs")), "node-");
            Path log = home.resolve("node.log");
            String sep = java.io.File.pathSeparator;
            Process p = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms256m", "-Xmx384m", "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                    "-cp", dir.resolve("lib") + "/*" + sep + dir.resolve("knn") + "/*",
                    launcher.toString(), home.resolve("data").toString(),
                    Integer.toString(httpPort), Integer.toString(transportPort)))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            URI url = URI.create("http://127.0.0.1:" + httpPort);
            OpenSearchTestNode node = new OpenSearchTestNode(p, url, home, log);
            Runtime.getRuntime().addShutdownHook(new Thread(node::stop));
            try {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                Poll.until(Duration.ofSeconds(180), "OpenSearch to answer on " + url, () -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("The OpenSearch node exited (" + p.exitValue() + "): " + node.tail());
                    }
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(url.resolve("/_cluster/health"))
                                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() == 200 && !r.body().contains("\"red\"");
                    } catch (IOException e) {
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }, up -> up);
            } catch (RuntimeException | Error e) {
                node.stop();
                throw e;
            }
            running = node;
            return node;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the OpenSearch node", e);
        }
    }

    private static boolean inUse(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    String tail() {
        return LogTail.of(log);
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // The folder is under target/ and goes with the next clean.
        }
        running = null;
    }
}
