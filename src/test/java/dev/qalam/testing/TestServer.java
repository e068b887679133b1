package dev.qalam.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The Qalam server that the build started for the integration tests, once per run: Open Liberty
 * (liberty-maven-plugin) by default, Payara Micro ({@code payara/micro}) under the Maven profile payara
 * ({@code qalam.server=payara}). Its address and the operator key come from the build and the environment that
 * {@code ./qalam test} sets; restarts, kills and the log go to whichever server it is.
 */
public final class TestServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer() {
    }

    public static String baseUrl() {
        // The same HTTP_PORT variable moves the server (server.xml) and the tests.
        String url = System.getProperty("qalam.baseUrl",
                "http://localhost:" + System.getenv().getOrDefault("HTTP_PORT", "9080"));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    public static String adminKey() {
        String key = System.getProperty("qalam.adminKey", System.getenv("QALAM_ADMIN_KEY"));
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("QALAM_ADMIN_KEY is not set: run the suite with ./qalam test");
        }
        return key;
    }

    /** Waits (polling, with a deadline) until {@code /health/ready} answers 200. */
    public static void awaitReady(Duration timeout) {
        Poll.until(timeout, "server ready at " + baseUrl(), TestServer::ready);
    }

    public static void awaitReady() {
        awaitReady(Duration.ofSeconds(180));
    }

    private static boolean ready() {
        return ready(baseUrl());
    }

    /** Whether the server at this base URL answers its readiness check. */
    static boolean ready(String baseUrl) {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Stops and starts the same server with the same data directory and environment, as an operator's
     * restart would, then waits until it is ready again.
     */
    public static void restart() {
        if (payara()) {
            payaraMicro("stop");
            payaraMicro("start");
            awaitReady(Duration.ofSeconds(60));
            return;
        }
        Path wlp = Path.of(System.getProperty("qalam.serverDir", "target/liberty/wlp"));
        Path script = wlp.resolve("bin/server");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("No Liberty server script at " + script);
        }
        run(List.of(script.toString(), "stop", "qalam"));
        run(List.of(script.toString(), "start", "qalam"));
        awaitReady(Duration.ofSeconds(240));
    }

    /**
     * Kills the server process outright (SIGKILL: no shutdown hooks, no batch job stopped cleanly, as in a
     * power cut), then starts it again on the same data directory and waits until it is ready.
     */
    public static void crashAndStart() {
        kill();
        start();
    }

    /** The Liberty installation the build created (the suite's server and, for some tests, a second one). */
    public static Path wlp() {
        return Path.of(System.getProperty("qalam.serverDir", "target/liberty/wlp"));
    }

    /** Kills the server process outright (SIGKILL), as in a power cut, and leaves it down. */
    public static void kill() {
        if (payara()) {
            payaraMicro("kill");
            return;
        }
        kill("qalam");
    }

    /** Starts the suite's server again (after {@link #kill()}) and waits until it is ready. */
    public static void start() {
        if (payara()) {
            payaraMicro("start");
            awaitReady(Duration.ofSeconds(60));
            return;
        }
        run(List.of(wlp().resolve("bin/server").toString(), "start", "qalam"));
        awaitReady(Duration.ofSeconds(240));
    }

    /** The suite's server's log so far. */
    public static String log() {
        try {
            Path log = payara() ? PAYARA_HOME.resolve("server.log") : wlp().resolve("usr/servers/qalam/logs/messages.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Whether the suite's server answers at all. */
    public static boolean up() {
        return ready();
    }

    static void kill(String serverName) {
        Path pidFile = wlp().resolve("usr/servers/.pid/" + serverName + ".pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            ProcessHandle server = ProcessHandle.of(pid)
                    .orElseThrow(() -> new IllegalStateException("No server process " + pid));
            server.destroyForcibly();
            server.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Could not kill the server " + serverName, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server process's resident memory in bytes (VmRSS, as {@code ps} shows it), from its pid file. */
    public static long residentBytes() {
        Path pidFile = payara() ? PAYARA_HOME.resolve("server.pid") : wlp().resolve("usr/servers/.pid/qalam.pid");
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            throw new IllegalStateException("No VmRSS for the server process " + pid);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the server's memory", e);
        }
    }

    /** The Payara Micro installation of {@code payara/micro}: its pid file and log. */
    static final Path PAYARA_HOME = Path.of("target/payara");

    /** Whether the suite runs against Payara Micro rather than Open Liberty. */
    public static boolean payara() {
        return "payara".equals(System.getProperty("qalam.server", "liberty"));
    }

    /** Runs {@code payara/micro <action>} (start, stop, kill) with the suite's environment. */
    static void payaraMicro(String action) {
        payaraMicro(action, java.util.Map.of());
    }

    static void payaraMicro(String action, java.util.Map<String, String> env) {
        run(List.of(Path.of("payara/micro").toAbsolutePath().toString(), action), env);
    }

    static void run(List<String> command) {
        run(command, java.util.Map.of());
    }

    /** Runs a Liberty command with extra environment variables (the rest inherited from the suite's). */
    static void run(List<String> command, java.util.Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            int rc = p.waitFor();
            if (rc != 0 && !(command.contains("stop") && rc == 1)) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + rc + "): " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
