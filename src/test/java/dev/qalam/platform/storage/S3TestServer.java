package dev.qalam.platform.storage;

import dev.qalam.testing.LogTail;
import dev.qalam.testing.Poll;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real S3-compatible server for the tests: S3Proxy (Maven Central, {@code org.gaul:s3proxy}) over a
 * folder, in a child JVM so its bundled libraries never meet ours. It speaks the S3 REST API over HTTP and
 * checks AWS SigV4 signatures, presigned URLs and their expiry with the identity below, as AWS and MinIO do.
 */
final class S3TestServer implements AutoCloseable {

    static final String ACCESS_KEY = "qalam-test";
    static final String SECRET_KEY = "qalam-test-secret";

    private final Process process;
    private final URI endpoint;
    private final Path log;

    private S3TestServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    static S3TestServer start() throws IOException {
        Path jar = Path.of(System.getProperty("qalam.s3proxyJar", "target/test-servers/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No S3Proxy jar at " + jar + " (the build copies it: mvn test)");
        }
        int port = freePort();
        Path work = Files.createDirectories(Path.of("target", "s3proxy"));
        Path dir = Files.createTempDirectory(work.toAbsolutePath(), "run-");
        Path data = Files.createDirectories(dir.resolve("data"));
        Path conf = dir.resolve("s3proxy.conf");
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + data,
                "jclouds.identity=unused",
                "jclouds.credential=unused", ""));
        Path log = dir.resolve("s3proxy.log");
        Process p = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Small and quick to start: it shares two cores with the build.
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toAbsolutePath().toString(), "--properties", conf.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        S3TestServer server = new S3TestServer(p, endpoint, log);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Poll.until(Duration.ofSeconds(120), "S3Proxy to answer on " + endpoint, () -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("S3Proxy exited (" + p.exitValue() + "): " + server.tail());
                }
                try {
                    // Anonymous, so 403: enough to know it is up.
                    client.send(HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return true;
                } catch (IOException e) {
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }, up -> up);
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    URI endpoint() {
        return endpoint;
    }

    String tail() {
        return LogTail.of(log);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
