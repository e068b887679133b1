package dev.qalam.platform.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Poll;
import dev.qalam.testing.TestServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local blob store's signed URLs over real HTTP against the running server. No feature hands out
 * URLs yet, so the test does what the server would: it writes a blob into the server's blob folder and
 * signs a URL with the server's own secret, both found in the server's data directory.
 */
class FilesIT {

    private static Path dataDir;
    private static UrlSigner signer;
    private static String folder;
    private static byte[] page;

    @BeforeAll
    static void setUp() throws IOException {
        TestServer.awaitReady();
        String dir = System.getProperty("qalam.dataDir", System.getenv("QALAM_DATA_DIR"));
        if (dir == null || dir.isBlank()) {
            throw new IllegalStateException("QALAM_DATA_DIR is not set: run the suite with ./qalam test");
        }
        dataDir = Path.of(dir);
        // Any signed-looking request makes the server load (or create) its signing secret.
        Errors.assertError(Api.anonymous().get("/v1/files/files-it/probe.png?expires=1&sig=x"), 403, "invalid_signature");
        Path keyFile = dataDir.resolve("secrets").resolve("url-signing.key");
        Poll.until(Duration.ofSeconds(10), "the server's URL signing key at " + keyFile, () -> Files.isRegularFile(keyFile));
        signer = UrlSigner.withSecret(Base64.getDecoder().decode(Files.readString(keyFile).strip()));

        folder = "files-it/" + UUID.randomUUID().toString().replace("-", "");
        page = new byte[150_000];
        new Random(42).nextBytes(page);
        write(folder + "/page-1.png", page);
        write(folder + "/page-2.png", "the other page".getBytes(StandardCharsets.UTF_8));
        write(folder + "/upload.html", "<script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
    }

    private static void write(String key, byte[] bytes) throws IOException {
        Path p = dataDir.resolve("blobs").resolve(key);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    private static String signed(String key, long expires) {
        return signed(key, expires, signer.sign(key, expires));
    }

    private static String signed(String key, long expires, String sig) {
        return "/v1/files/" + key + "?expires=" + expires + "&sig=" + URLEncoder.encode(sig, StandardCharsets.UTF_8);
    }

    private static long inAMinute() {
        return Instant.now().getEpochSecond() + 60;
    }

    @Test
    void aValidUrlDownloadsTheBytesWithoutAnyKey() {
        Api.Reply r = Api.anonymous().get(signed(folder + "/page-1.png", inAMinute()));
        assertEquals(200, r.status(), r::toString);
        assertArrayEquals(page, r.bytes());
        assertEquals("image/png", r.header("Content-Type"));
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertTrue(r.header("Cache-Control").startsWith("private, max-age="), r.header("Cache-Control"));
    }

    @Test
    void anApiKeyIsNeitherNeededNorHarmful() {
        Api.Reply r = Api.admin().get(signed(folder + "/page-2.png", inAMinute()));
        assertEquals(200, r.status(), r::toString);
        assertEquals("the other page", r.body());
    }

    @Test
    void aTamperedSignatureIsRefused() {
        long expires = inAMinute();
        String sig = signer.sign(folder + "/page-1.png", expires);
        String forged = (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);
        Api.Reply r = Api.anonymous().get(signed(folder + "/page-1.png", expires, forged));
        Errors.assertError(r, 403, "invalid_signature");
    }

    @Test
    void aTamperedKeyIsRefused() {
        long expires = inAMinute();
        String sigOfPage1 = signer.sign(folder + "/page-1.png", expires);
        Errors.assertError(Api.anonymous().get(signed(folder + "/page-2.png", expires, sigOfPage1)), 403,
                "invalid_signature");
    }

    @Test
    void aTamperedExpiryIsRefused() {
        long expires = inAMinute();
        String sig = signer.sign(folder + "/page-1.png", expires);
        Errors.assertError(Api.anonymous().get(signed(folder + "/page-1.png", expires + 86_400, sig)), 403,
                "invalid_signature");
    }

    @Test
    void anExpiredUrlIsGone() {
        long expired = Instant.now().getEpochSecond() - 5;
        Api.Reply r = Api.anonymous().get(signed(folder + "/page-1.png", expired));
        Errors.assertError(r, 410, "url_expired");
        assertFalse(r.body().contains(folder), "says nothing about the blob");
    }

    @Test
    void unsignedAndMalformedUrlsAreRefused() {
        String key = folder + "/page-1.png";
        String sig = URLEncoder.encode(signer.sign(key, inAMinute()), StandardCharsets.UTF_8);
        for (String path : new String[] {
                "/v1/files/" + key,
                "/v1/files/" + key + "?expires=" + inAMinute(),
                "/v1/files/" + key + "?sig=" + sig,
                "/v1/files/" + key + "?expires=tomorrow&sig=" + sig,
                "/v1/files/" + key + "?expires=&sig=" + sig}) {
            Errors.assertError(Api.anonymous().get(path), 403, "invalid_signature");
        }
    }

    @Test
    void aValidUrlForAMissingBlobIsNotFound() {
        Errors.assertError(Api.anonymous().get(signed(folder + "/page-9.png", inAMinute())), 404, "not_found");
    }

    @Test
    void aSignedKeyThatLeavesTheBlobFolderIsNeverServed() throws IOException {
        String secret = Files.readString(dataDir.resolve("secrets").resolve("url-signing.key")).strip();
        long expires = inAMinute();
        // As if a feature had signed a key it took from a client: the key rule still keeps the blob folder.
        String key = "../secrets/url-signing.key";
        Api.Reply r = Api.anonymous().get(signed(key, expires));
        Errors.assertError(r, 404, "not_found");
        assertFalse(r.body().contains(secret));
        // Encoded dot segments and slashes reach the application decoded, and the key rule refuses them.
        for (String encoded : new String[] {"..%2Fsecrets%2Furl-signing.key", "%2E%2E/secrets/url-signing.key",
                "files-it/%2E%2E/%2E%2E/secrets/url-signing.key"}) {
            String decoded = java.net.URLDecoder.decode(encoded, StandardCharsets.UTF_8);
            Api.Reply e = Api.anonymous().get("/v1/files/" + encoded + "?expires=" + expires + "&sig="
                    + URLEncoder.encode(signer.sign(decoded, expires), StandardCharsets.UTF_8));
            Errors.assertError(e, 404, "not_found");
            assertFalse(e.body().contains(secret), encoded);
        }
    }

    @Test
    void anUploadedPageCannotRunOnTheApisOrigin() {
        Api.Reply r = Api.anonymous().get(signed(folder + "/upload.html", inAMinute()));
        assertEquals(200, r.status(), r::toString);
        assertEquals("nosniff", r.header("X-Content-Type-Options"));
        assertTrue(r.header("Content-Security-Policy").contains("sandbox"), r.header("Content-Security-Policy"));
    }
}
