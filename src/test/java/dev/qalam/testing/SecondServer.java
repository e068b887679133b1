package dev.qalam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A second Qalam server beside the suite's, for tests of several servers on one database: the same Liberty
 * installation, WAR and configuration (the suite's server folder copied as {@value #NAME}; on Payara Micro a
 * second {@code payara/micro} home), the same
 * environment (database, data directory, settings), other ports: {@code HTTP_PORT + 5} and
 * {@code HTTPS_PORT + 5}. Its own server name gives it its own identity in the batch job repository.
 */
public final class SecondServer implements AutoCloseable {

    public static final String NAME = "qalam2";
    /** What is the first server's own state, not its configuration. */
    private static final Set<String> NOT_COPIED = Set.of("logs", "workarea", "expanded", "data", "tranlog");

    private final Path wlp = TestServer.wlp();
    private final Path dir = wlp.resolve("usr/servers/" + NAME);
    private final int httpPort = Integer.parseInt(System.getenv().getOrDefault("HTTP_PORT", "9080")) + 5;
    private final int httpsPort = Integer.parseInt(System.getenv().getOrDefault("HTTPS_PORT", "9443")) + 5;
    private boolean started;

    /** Creates (afresh) and starts the second server, and waits until it is ready. */
    public static SecondServer start() {
        SecondServer s = new SecondServer();
        if (!TestServer.payara()) {
            s.create();
        }
        s.startAgain();
        return s;
    }

    private void create() {
        Path first = wlp.resolve("usr/servers/qalam");
        try {
            if (Files.exists(dir)) {
                deleteTree(dir);
            }
            try (Stream<Path> paths = Files.walk(first)) {
                for (Path p : paths.toList()) {
                    Path rel = first.relativize(p);
                    if (rel.getNameCount() > 0 && NOT_COPIED.contains(rel.getName(0).toString())
                            || rel.toString().startsWith("apps/expanded")) {
                        continue;
                    }
                    Path target = dir.resolve(rel.toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the second server " + dir, e);
        }
    }

    public void startAgain() {
        if (TestServer.payara()) {
            TestServer.payaraMicro("start", payaraEnv());
        } else {
            TestServer.run(List.of(wlp.resolve("bin/server").toString(), "start", NAME),
                    Map.of("HTTP_PORT", Integer.toString(httpPort), "HTTPS_PORT", Integer.toString(httpsPort)));
        }
        started = true;
        Poll.until(Duration.ofSeconds(240), "second server ready at " + baseUrl(), this::ready);
    }

    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** Kills the second server outright (SIGKILL). */
    public void kill() {
        if (TestServer.payara()) {
            TestServer.payaraMicro("kill", payaraEnv());
        } else {
            TestServer.kill(NAME);
        }
        started = false;
    }

    /** The second server's log so far. */
    public String log() {
        try {
            Path log = TestServer.payara() ? PAYARA_HOME.resolve("server.log") : dir.resolve("logs/messages.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (started && TestServer.payara()) {
            TestServer.payaraMicro("stop", payaraEnv());
            started = false;
        } else if (started) {
            TestServer.run(List.of(wlp.resolve("bin/server").toString(), "stop", NAME), Map.of());
            started = false;
        }
    }

    /** On Payara Micro: a second installation of payara/micro beside the first, with its own ports. */
    private static final Path PAYARA_HOME = Path.of("target/payara-" + NAME).toAbsolutePath();

    private Map<String, String> payaraEnv() {
        return Map.of("HTTP_PORT", Integer.toString(httpPort), "HTTPS_PORT", Integer.toString(httpsPort),
                "QALAM_PAYARA_HOME", PAYARA_HOME.toString());
    }

    private boolean ready() {
        return TestServer.ready(baseUrl());
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
