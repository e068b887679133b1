package dev.qalam.platform.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.errors.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local folder store against the contract. Its URLs are checked by {@link FilesResource}'s own
 * verification, called directly; {@code FilesIT} fetches them over HTTP from the running server.
 */
class LocalBlobStoreTest extends BlobStoreContract {

    @TempDir
    Path dataDir;

    private final UrlSigner signer = UrlSigner.withSecret("a test secret of 32 bytes length".getBytes(StandardCharsets.UTF_8));
    private LocalBlobStore local;
    private FilesResource files;

    @Override
    protected BlobStore store() throws IOException {
        local = new LocalBlobStore(dataDir.resolve("blobs"), signer);
        files = new FilesResource();
        files.store = local;
        files.signer = signer;
        return local;
    }

    @Override
    protected Fetched fetch(URI url) throws IOException {
        return fetch(url, Instant.now().getEpochSecond());
    }

    private Fetched fetch(URI url, long now) throws IOException {
        String path = url.getRawPath();
        String prefix = BASE.getPath() + "v1/files/";
        assertTrue(path.startsWith(prefix), url.toString());
        Map<String, String> q = query(url);
        try (InputStream in = files.openVerified(decode(path.substring(prefix.length())), q.get("expires"), q.get("sig"), now)) {
            return new Fetched(200, in.readAllBytes());
        } catch (ApiException e) {
            return new Fetched(e.status(), e.code().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    protected Instant expiryOf(URI url) {
        return Instant.ofEpochSecond(Long.parseLong(query(url).get("expires")));
    }

    @Override
    protected URI withTamperedSignature(URI url) {
        String sig = query(url).get("sig");
        String other = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        return URI.create(url.toString().replace("sig=" + sig, "sig=" + other));
    }

    @Override
    protected void assertNoLeftovers(String folder) throws IOException {
        Path dir = dataDir.resolve("blobs").resolve(folder);
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> tmp = files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), tmp, "temporary files left behind");
        }
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> q = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return q;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    // ---- what only the local store has: the server's own signatures ----

    @Test
    void urlIsUnderTheServersFilesPath() throws IOException {
        store.put(ns + "x.png", bytes("png"), "image/png");
        URI url = store.url(ns + "x.png", java.time.Duration.ofMinutes(1), URI.create("https://api.example.org/qalam"));
        assertTrue(url.toString().startsWith("https://api.example.org/qalam/v1/files/" + ns + "x.png?expires="), url.toString());
        assertFalse(store.isObjectStore());
    }

    @Test
    void anotherKeysSignatureIsRefused() throws IOException {
        store.put(ns + "mine", bytes("mine"), null);
        store.put(ns + "theirs", bytes("theirs"), null);
        URI mine = store.url(ns + "mine", java.time.Duration.ofMinutes(1), BASE);
        URI swapped = URI.create(mine.toString().replace(ns + "mine", ns + "theirs"));
        assertEquals(403, fetch(swapped).status());
    }

    @Test
    void anExtendedExpiryIsRefused() throws IOException {
        store.put(ns + "e", bytes("e"), null);
        URI url = store.url(ns + "e", java.time.Duration.ofMinutes(1), BASE);
        long expires = Long.parseLong(query(url).get("expires"));
        URI extended = URI.create(url.toString().replace("expires=" + expires, "expires=" + (expires + 3600)));
        assertEquals(403, fetch(extended).status());
    }

    @Test
    void expiryIsCheckedAfterTheSignature() throws IOException {
        store.put(ns + "old", bytes("old"), null);
        URI url = store.url(ns + "old", java.time.Duration.ofMinutes(1), BASE);
        long expires = Long.parseLong(query(url).get("expires"));
        assertEquals(200, fetch(url, expires).status(), "valid through its last second");
        Fetched late = fetch(url, expires + 1);
        assertEquals(410, late.status());
        assertEquals("url_expired", new String(late.body(), StandardCharsets.UTF_8));
        assertEquals(403, fetch(withTamperedSignature(url), expires + 1).status(), "a forged expired URL is 403, not 410");
    }

    @Test
    void unsignedOrMalformedUrlsAreRefused() throws IOException {
        store.put(ns + "f", bytes("f"), null);
        long future = Instant.now().getEpochSecond() + 60;
        String sig = signer.sign(ns + "f", future);
        for (String[] q : new String[][] {{null, null}, {Long.toString(future), null}, {null, sig},
                {"soon", sig}, {"", sig}, {Long.toString(future), ""}}) {
            ApiException e = assertThrows(ApiException.class, () -> files.openVerified(ns + "f", q[0], q[1], 0));
            assertEquals(403, e.status(), String.join(",", String.valueOf(q[0]), String.valueOf(q[1])));
            assertEquals("invalid_signature", e.code());
        }
    }

    @Test
    void aSignedKeyOutsideTheBlobFolderIsNeverServed() throws IOException {
        // As if a feature had signed a key it took from a client: the key rule still keeps the folder.
        Files.writeString(dataDir.resolve("secret.txt"), "do not serve");
        long future = Instant.now().getEpochSecond() + 60;
        for (String key : List.of("../secret.txt", "/etc/passwd", "a/../../secret.txt", "./../secret.txt")) {
            ApiException e = assertThrows(ApiException.class,
                    () -> files.openVerified(key, Long.toString(future), signer.sign(key, future), 0), key);
            assertEquals(404, e.status(), key);
        }
    }

    @Test
    void signerVerifiesKeyExpiryAndSignature() {
        long t = 1_900_000_000L;
        String sig = signer.sign("a/b", t);
        assertTrue(signer.verify("a/b", t, sig, t));
        assertFalse(signer.verify("a/b", t, sig, t + 1));
        assertTrue(signer.matches("a/b", t, sig));
        assertFalse(signer.matches("a/bc", t, sig));
        assertFalse(signer.matches("a/b", t + 1, sig));
        assertFalse(signer.matches("a/b", t, null));
        assertFalse(UrlSigner.withSecret(new byte[32]).matches("a/b", t, sig), "another server's secret");
    }
}
