package dev.qalam.platform.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.qalam.platform.net.UrlFetchException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The fetcher against a real HTTP server on 127.0.0.1. Refusals of loopback addresses go through the whole
 * fetch with that server listening, so a guard that let them through would fetch its page and fail the test;
 * private, link-local and metadata addresses are checked with {@link SafeFetcher#vet}, which never connects,
 * so that no test ever sends a packet to another network. Successful fetches go through the test-only
 * allow-list, which exempts exactly the listed {@code host:port}.
 */
class SafeFetcherTest {

    /** On a port the system picks, so that suites running side by side on one machine never collide. */
    static final HttpServer server = startServer();
    static final int PORT = server.getAddress().getPort();
    /** A port nothing listens on. */
    static final int CLOSED_PORT = freePort();
    static final String ORIGIN = "http://127.0.0.1:" + PORT;

    static final Map<String, String> hostHeaders = new ConcurrentHashMap<>();

    /** Names the tests' own "DNS" knows; nothing here asks a real resolver except for localhost. */
    static final Map<String, InetAddress[]> zone = Map.of(
            "pinned.test", addresses("127.0.0.1"),
            "internal.test", addresses("10.1.2.3"),
            "metadata.test", addresses("169.254.169.254"),
            "mixed.test", addresses("8.8.8.8", "192.168.0.10"),
            "v6.test", addresses("fd12::1"));
    static final AtomicInteger lookups = new AtomicInteger();

    static InetAddress[] addresses(String... literals) {
        InetAddress[] a = new InetAddress[literals.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = IpLiterals.parse(literals[i]).orElseThrow();
        }
        return a;
    }

    static InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        if (host.equals("localhost")) {
            return InetAddress.getAllByName(host);
        }
        InetAddress[] found = zone.get(host);
        if (found == null) {
            throw new UnknownHostException(host);
        }
        return found;
    }

    static SafeFetcher fetcher(Set<String> allow) {
        FetchSettings s = new FetchSettings(64 * 1024, Duration.ofSeconds(2), Duration.ofMillis(400),
                Duration.ofMillis(1500), 3, allow);
        return new SafeFetcher(s, SafeFetcherTest::resolve);
    }

    static final SafeFetcher strict = fetcher(Set.of());
    static final SafeFetcher allowing = fetcher(Set.of("127.0.0.1:" + PORT, "pinned.test:" + PORT,
            "127.0.0.1:" + CLOSED_PORT));

    static HttpServer startServer() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
            s.createContext("/", SafeFetcherTest::handle);
            // Slow handlers (the time-limit tests) must not hold up the others.
            s.setExecutor(Executors.newCachedThreadPool());
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        strict.close();
        allowing.close();
    }

    static void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        hostHeaders.put(path, ex.getRequestHeaders().getFirst("Host"));
        try (ex) {
            if (path.equals("/page")) {
                send(ex, 200, "text/html; charset=UTF-8", "<p>مرحبا hello</p>".getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/hops/")) {
                int n = Integer.parseInt(path.substring(6));
                ex.getResponseHeaders().add("Location", n == 0 ? "/page" : "/hops/" + (n - 1));
                ex.sendResponseHeaders(302, -1);
            } else if (path.equals("/to-loopback")) {
                ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + CLOSED_PORT + "/x");
                ex.sendResponseHeaders(302, -1);
            } else if (path.equals("/to-localhost")) {
                // The same address under a name that is not on the allow-list.
                ex.getResponseHeaders().add("Location", "http://localhost:" + PORT + "/page");
                ex.sendResponseHeaders(307, -1);
            } else if (path.equals("/to-metadata")) {
                ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
                ex.sendResponseHeaders(301, -1);
            } else if (path.equals("/to-file")) {
                ex.getResponseHeaders().add("Location", "file:///etc/passwd");
                ex.sendResponseHeaders(302, -1);
            } else if (path.equals("/big-declared")) {
                ex.sendResponseHeaders(200, 65 * 1024);
                ex.getResponseBody().write(new byte[65 * 1024]);
            } else if (path.equals("/big-chunked")) {
                ex.sendResponseHeaders(200, 0);
                OutputStream out = ex.getResponseBody();
                for (int i = 0; i < 100; i++) {
                    out.write(new byte[8 * 1024]);
                }
            } else if (path.equals("/exact")) {
                send(ex, 200, "application/pdf", new byte[64 * 1024]);
            } else if (path.equals("/stall")) {
                ex.sendResponseHeaders(200, 0);
                ex.getResponseBody().flush();
                pause(3000);
            } else if (path.equals("/drip")) {
                ex.sendResponseHeaders(200, 0);
                for (int i = 0; i < 40; i++) {
                    ex.getResponseBody().write('x');
                    ex.getResponseBody().flush();
                    pause(100);
                }
            } else {
                send(ex, 404, "text/plain", "no".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // The client hung up, as the size and time limits make it do.
        }
    }

    /** The server's own slowness, which the time limits are tested against. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    static Reason refusal(SafeFetcher f, String url) {
        return assertThrows(UrlFetchException.class, () -> f.fetch(url), url).reason();
    }

    static UrlFetchException vetRefusal(String url) {
        return assertThrows(UrlFetchException.class, () -> strict.vet(URI.create(url)), url);
    }

    @Test
    void loopbackIsRefusedInEverySpelling() {
        for (String host : new String[] {"127.0.0.1", "localhost", "LOCALHOST", "[::1]", "2130706433",
                "0x7f000001", "0177.0.0.1", "017700000001", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
                "[64:ff9b::7f00:1]", "[2002:7f00:1::1]", "[0:0:0:0:0:0:0:1]"}) {
            String url = "http://" + host + ":" + PORT + "/page";
            UrlFetchException e = assertThrows(UrlFetchException.class, () -> strict.fetch(url), url);
            assertEquals(Reason.ADDRESS_NOT_ALLOWED, e.reason(), url + ": " + e.getMessage());
            assertEquals(400, e.status());
            assertEquals("url_not_allowed", e.code());
        }
        // java.net.URI's host grammar (RFC 2396) has no host for these spellings of 127.0.0.1 (a numeric last
        // label after a dot, a trailing dot): refused as invalid before any address is considered.
        for (String host : new String[] {"0x7f.1", "127.1", "127.0.0.1."}) {
            assertEquals(Reason.INVALID_URL, refusal(strict, "http://" + host + ":" + PORT + "/page"), host);
        }
    }

    @Test
    void privateLinkLocalAndMetadataAddressesAreRefusedBeforeAnyConnection() {
        for (String url : new String[] {"http://10.0.0.1/", "http://10.255.1.2:8080/x", "https://172.16.3.4/",
                "http://192.168.1.1/", "http://100.64.0.1/", "http://169.254.169.254/latest/meta-data/",
                "http://0xa9fea9fe/", "http://[fd00:ec2::254]/", "http://[fe80::1]/", "http://[::]/",
                "http://0.0.0.0/", "http://0/", "http://224.0.0.1/", "http://255.255.255.255/",
                "http://[::ffff:10.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[ff02::1]/",
                "http://100.100.100.200/", "http://168.63.129.16/", "http://internal.test/",
                "http://metadata.test/", "http://v6.test/", "http://mixed.test/"}) {
            assertEquals(Reason.ADDRESS_NOT_ALLOWED, vetRefusal(url).reason(), url);
        }
    }

    @Test
    void messagesNeverRevealWhatANameResolvedTo() {
        String m = vetRefusal("http://internal.test/").getMessage();
        assertFalse(m.contains("10.1.2.3"), m);
        assertTrue(m.contains("not on the public internet (private network)"), m);
        assertTrue(vetRefusal("http://10.1.2.3/").getMessage().contains("10.1.2.3"));
    }

    @Test
    void onlyHttpAndHttpsWithAHostAndNoCredentials() {
        for (String url : new String[] {"file:///etc/passwd", "ftp://example.com/a", "gopher://example.com/",
                "jar:http://example.com/a.jar!/", "data:text/plain,hi", "javascript:alert(1)", "//example.com/x",
                "/relative", "http:///nohost", "http://user:pw@example.com/", "http://exa mple.com/", "",
                "http://1.2.3.4.5/", "http://256.0.0.1/"}) {
            assertEquals(Reason.INVALID_URL, refusal(strict, url), url);
        }
    }

    @Test
    void unknownNamesAreUnreachable() {
        assertEquals(Reason.UNKNOWN_HOST, refusal(strict, "http://nowhere.test/"));
    }

    @Test
    void anAllowedHostIsFetchedWithItsTypeAndCharset() {
        FetchedResource r = allowing.fetch(ORIGIN + "/page");
        assertEquals("text/html", r.mediaType());
        assertEquals(StandardCharsets.UTF_8, r.charset().orElseThrow());
        assertEquals("<p>مرحبا hello</p>", new String(r.body(), StandardCharsets.UTF_8));
        assertEquals(URI.create(ORIGIN + "/page"), r.uri());
    }

    @Test
    void theClientConnectsToTheVettedAddressAndNeverResolvesAgain() {
        // Apache's own resolver refuses every name: this fetch works only because the target carries the
        // address that the fetcher resolved and vetted, once, while Host and TLS keep the name.
        int before = lookups.get();
        FetchedResource r = allowing.fetch("http://pinned.test:" + PORT + "/hops/1");
        assertEquals("text/html", r.mediaType());
        assertEquals("pinned.test:" + PORT, hostHeaders.get("/hops/1"));
        assertEquals("pinned.test:" + PORT, hostHeaders.get("/page"));
        assertEquals(3, lookups.get() - before, "one resolution per hop (two redirects and the page)");
    }

    @Test
    void everyRedirectIsCheckedAgain() {
        assertEquals(Reason.ADDRESS_NOT_ALLOWED, refusal(allowing, ORIGIN + "/to-localhost"));
        assertEquals(Reason.ADDRESS_NOT_ALLOWED, refusal(allowing, ORIGIN + "/to-metadata"));
        assertEquals(Reason.INVALID_URL, refusal(allowing, ORIGIN + "/to-file"));
        // 127.0.0.1 on another port is not on the allow-list either.
        SafeFetcher onlyThisPort = fetcher(Set.of("127.0.0.1:" + PORT));
        try (onlyThisPort) {
            assertEquals(Reason.ADDRESS_NOT_ALLOWED, refusal(onlyThisPort, ORIGIN + "/to-loopback"));
        }
    }

    @Test
    void redirectsAreBounded() {
        assertEquals("text/html", allowing.fetch(ORIGIN + "/hops/2").mediaType());
        UrlFetchException e = assertThrows(UrlFetchException.class, () -> allowing.fetch(ORIGIN + "/hops/3"));
        assertEquals(Reason.TOO_MANY_REDIRECTS, e.reason());
        assertEquals("The URL redirects more than 3 times.", e.getMessage());
    }

    @Test
    void bodiesAreBounded() {
        assertEquals(64 * 1024, allowing.fetch(ORIGIN + "/exact").body().length);
        assertEquals(Reason.TOO_LARGE, refusal(allowing, ORIGIN + "/big-declared"));
        assertEquals(Reason.TOO_LARGE, refusal(allowing, ORIGIN + "/big-chunked"));
        assertTrue(assertThrows(UrlFetchException.class, () -> allowing.fetch(ORIGIN + "/big-chunked"))
                .getMessage().contains("larger than 65536 bytes"));
    }

    @Test
    void timeLimits() {
        long start = System.nanoTime();
        assertEquals(Reason.TIMEOUT, refusal(allowing, ORIGIN + "/stall"));
        assertEquals(Reason.TIMEOUT, refusal(allowing, ORIGIN + "/drip"));
        long took = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(took < 2 * 1500 + 1000, "both gave up within their limits, took " + took + " ms");
    }

    @Test
    void errorsAndClosedPorts() {
        UrlFetchException e = assertThrows(UrlFetchException.class, () -> allowing.fetch(ORIGIN + "/missing"));
        assertEquals(Reason.HTTP_ERROR, e.reason());
        assertEquals("The URL answered with HTTP 404 instead of a document.", e.getMessage());
        assertEquals(Reason.UNREACHABLE, refusal(allowing, "http://127.0.0.1:" + CLOSED_PORT + "/"));
    }
}
