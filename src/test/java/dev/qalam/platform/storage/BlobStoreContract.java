package dev.qalam.platform.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.qalam.testing.Poll;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} must do, whatever is behind it. An implementation's test extends this
 * class and says how to build a store and how a client fetches one of its URLs. Every test works under
 * its own random folder, so a shared bucket or folder needs no cleaning between tests.
 */
public abstract class BlobStoreContract {

    protected static final URI BASE = URI.create("http://qalam.test:8080/");

    /** Big enough that a store writing in parts (S3: 5 MiB minimum) uses several of them. */
    protected static final int LARGE = 11 * 1024 * 1024 + 12_345;

    protected BlobStore store;
    protected String ns;

    /** A store to test; may be the same for every test (each uses its own {@link #ns}). */
    protected abstract BlobStore store() throws Exception;

    /** What a client holding {@code url} gets: status and body. */
    protected abstract Fetched fetch(URI url) throws Exception;

    /** When {@code url} stops working, as the URL itself says. */
    protected abstract Instant expiryOf(URI url);

    /** The same URL with its signature changed, as an attacker would try. */
    protected abstract URI withTamperedSignature(URI url);

    /**
     * Whether whatever serves the URLs checks their signature and expiry. True for anything used in
     * production; a test server that accepts every request would say false, and the tests that need a
     * refusal are then skipped for it.
     */
    protected boolean urlsAreVerified() {
        return true;
    }

    /** Nothing half-written is left under {@code folder} (temporary files, pending multipart uploads). */
    protected abstract void assertNoLeftovers(String folder) throws Exception;

    public record Fetched(int status, byte[] body) {
    }

    @BeforeEach
    void prepare() throws Exception {
        store = store();
        ns = "contract/" + UUID.randomUUID().toString().replace("-", "") + "/";
    }

    // ---- round trips ----

    @Test
    void bytesRoundTripIsBinarySafe() throws Exception {
        byte[] every = new byte[256 * 4];
        for (int i = 0; i < every.length; i++) {
            every[i] = (byte) i;
        }
        String key = ns + "binary.bin";
        store.put(key, every, "application/octet-stream");
        assertArrayEquals(every, store.read(key).orElseThrow());
        try (InputStream in = store.open(key).orElseThrow()) {
            assertArrayEquals(every, in.readAllBytes());
        }
        String arabic = "قلم: نص عربي مع English و\u200f علامات";
        store.put(ns + "text.txt", arabic.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8");
        assertEquals(arabic, new String(store.read(ns + "text.txt").orElseThrow(), StandardCharsets.UTF_8));
    }

    @Test
    void emptyBlobIsABlob() throws Exception {
        store.put(ns + "empty", new byte[0], null);
        assertTrue(store.exists(ns + "empty"));
        assertArrayEquals(new byte[0], store.read(ns + "empty").orElseThrow());

        assertEquals(0, store.put(ns + "empty-stream", InputStream.nullInputStream(), "text/plain", 100));
        assertTrue(store.exists(ns + "empty-stream"));
        assertArrayEquals(new byte[0], store.read(ns + "empty-stream").orElseThrow());
    }

    @Test
    void streamRoundTripReturnsTheLength() throws Exception {
        byte[] data = random(70_001, 1);
        assertEquals(data.length, store.put(ns + "s/page-1.png", new ByteArrayInputStream(data), "image/png", 1 << 20));
        assertArrayEquals(data, store.read(ns + "s/page-1.png").orElseThrow());
    }

    @Test
    void largeStreamRoundTripIsIntact() throws Exception {
        String key = ns + "large/source.pdf";
        assertEquals(LARGE, store.put(key, new PatternStream(LARGE, 7), "application/pdf", LARGE));
        try (InputStream in = store.open(key).orElseThrow()) {
            assertEquals(sha256(new PatternStream(LARGE, 7)), sha256(in));
        }
        assertNoLeftovers(ns + "large");
    }

    @Test
    void putReplaces() throws Exception {
        String key = ns + "r/blob";
        store.put(key, bytes("first, the longer version"), "text/plain");
        store.put(key, bytes("second"), "text/plain");
        assertEquals("second", text(store.read(key)));
        store.put(key, new ByteArrayInputStream(bytes("third by stream")), "text/plain", 100);
        assertEquals("third by stream", text(store.read(key)));
        store.put(key, new byte[0], "text/plain");
        assertArrayEquals(new byte[0], store.read(key).orElseThrow());
    }

    // ---- exists and delete ----

    @Test
    void absentBlobIsEmptyNotAnError() throws Exception {
        assertFalse(store.exists(ns + "nothing"));
        assertTrue(store.open(ns + "nothing").isEmpty());
        assertTrue(store.read(ns + "nothing").isEmpty());
        store.delete(ns + "nothing");
        store.deletePrefix(ns + "nothing");
    }

    @Test
    void deleteRemovesOnlyThatKey() throws Exception {
        store.put(ns + "d/a", bytes("a"), null);
        store.put(ns + "d/ab", bytes("ab"), null);
        assertTrue(store.exists(ns + "d/a"));
        store.delete(ns + "d/a");
        assertFalse(store.exists(ns + "d/a"));
        assertTrue(store.read(ns + "d/a").isEmpty());
        assertEquals("ab", text(store.read(ns + "d/ab")));
        store.delete(ns + "d/a");
    }

    @Test
    void deletePrefixDeletesThatFolderOnly() throws Exception {
        List<String> gone = List.of(ns + "job/b/source.pdf", ns + "job/b/pages/1.png", ns + "job/b/pages/2.png");
        List<String> kept = List.of(ns + "job/bc/source.pdf", ns + "job/bc.png", ns + "job/b2/x", ns + "jobs/b/x");
        for (String k : gone) {
            store.put(k, bytes(k), null);
        }
        for (String k : kept) {
            store.put(k, bytes(k), null);
        }
        store.deletePrefix(ns + "job/b");
        for (String k : gone) {
            assertFalse(store.exists(k), k);
        }
        for (String k : kept) {
            assertEquals(k, text(store.read(k)), k);
        }

        store.deletePrefix(ns + "job/bc/");
        assertFalse(store.exists(ns + "job/bc/source.pdf"));
        assertTrue(store.exists(ns + "job/bc.png"));

        store.deletePrefix(ns + "job/bc.png");
        assertFalse(store.exists(ns + "job/bc.png"), "a prefix naming one blob deletes it");
    }

    @Test
    void deletePrefixGoesThroughManyBlobs() throws Exception {
        int n = 1_050; // more than one S3 listing page / DeleteObjects batch
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String k = ns + "many/p/" + i;
                writes.add(pool.submit(() -> {
                    store.put(k, bytes(k), null);
                    return null;
                }));
            }
            for (Future<?> f : writes) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        store.put(ns + "many/keep", bytes("keep"), null);
        store.deletePrefix(ns + "many/p");
        assertFalse(store.exists(ns + "many/p/0"));
        assertFalse(store.exists(ns + "many/p/" + (n - 1)));
        assertFalse(store.exists(ns + "many/p/" + (n / 2)));
        assertTrue(store.exists(ns + "many/keep"));
    }

    // ---- limits ----

    @Test
    void maxBytesIsInclusive() throws Exception {
        assertEquals(10, store.put(ns + "m/exact", new ByteArrayInputStream(random(10, 2)), null, 10));
        assertTrue(store.exists(ns + "m/exact"));
    }

    @Test
    void tooLargeStreamLeavesNothing() throws Exception {
        String key = ns + "m/too-large";
        assertThrows(BlobStore.BlobTooLargeException.class,
                () -> store.put(key, new ByteArrayInputStream(random(11, 3)), null, 10));
        assertFalse(store.exists(key));
        assertNoLeftovers(ns + "m");
    }

    @Test
    void tooLargeStreamKeepsThePreviousBlob() throws Exception {
        String key = ns + "m/kept";
        store.put(key, bytes("the good one"), "text/plain");
        assertThrows(BlobStore.BlobTooLargeException.class,
                () -> store.put(key, new ByteArrayInputStream(random(1000, 4)), "text/plain", 999));
        assertEquals("the good one", text(store.read(key)));
    }

    @Test
    void tooLargeLargeStreamIsRefusedWithoutReadingItAll() throws Exception {
        String key = ns + "m/huge";
        store.put(key, bytes("before"), null);
        long limit = LARGE - 100;
        PatternStream in = new PatternStream(Long.MAX_VALUE, 9);
        assertThrows(BlobStore.BlobTooLargeException.class, () -> store.put(key, in, null, limit));
        assertTrue(in.consumed() <= limit + 1 + 64 * 1024, "read " + in.consumed() + " bytes for a limit of " + limit);
        assertEquals("before", text(store.read(key)));
        assertNoLeftovers(ns + "m");
    }

    @Test
    void failingStreamLeavesNothing() throws Exception {
        String key = ns + "m/broken";
        InputStream broken = new PatternStream(LARGE, 5) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (consumed() > LARGE / 2) {
                    throw new IOException("client went away");
                }
                return super.read(b, off, len);
            }
        };
        IOException e = assertThrows(IOException.class, () -> store.put(key, broken, null, LARGE));
        assertFalse(e instanceof BlobStore.BlobTooLargeException);
        assertFalse(store.exists(key));
        assertNoLeftovers(ns + "m");
    }

    // ---- keys ----

    @Test
    void invalidKeysAreRefused() {
        List<String> bad = new ArrayList<>(List.of("", "..", ".", "../x", "a/../b", "a/..", "/abs", "/", "a//b",
                "a/./b", "a/", "a\\b", "a b", "ä", "a?b", "a#b", "a%2e%2e", "x".repeat(1025)));
        bad.add(null);
        for (String k : bad) {
            assertThrows(IllegalArgumentException.class, () -> store.put(k, bytes("x"), null), "put " + k);
            assertThrows(IllegalArgumentException.class,
                    () -> store.put(k, new ByteArrayInputStream(bytes("x")), null, 10), "put stream " + k);
            assertThrows(IllegalArgumentException.class, () -> store.open(k), "open " + k);
            assertThrows(IllegalArgumentException.class, () -> store.exists(k), "exists " + k);
            assertThrows(IllegalArgumentException.class, () -> store.delete(k), "delete " + k);
            assertThrows(IllegalArgumentException.class, () -> store.url(k, Duration.ofMinutes(1), BASE), "url " + k);
        }
        for (String p : List.of("", "/", "..", "a/../b", "/abs", "a//")) {
            assertThrows(IllegalArgumentException.class, () -> store.deletePrefix(p), "deletePrefix " + p);
        }
    }

    @Test
    void validKeysOfEveryAllowedCharacter() throws Exception {
        String key = ns + "A-Z_a.z/0-9/file.name-with_all.chars.txt";
        store.put(key, bytes("ok"), "text/plain");
        assertEquals("ok", text(store.read(key)));
        // The longest key, in segments a file system accepts (255 bytes a name).
        StringBuilder longKey = new StringBuilder(ns);
        while (longKey.length() < BlobKeys.MAX_LENGTH) {
            longKey.append(longKey.charAt(longKey.length() - 1) == '/' ? "k" : longKey.length() % 200 == 0 ? "/" : "k");
        }
        assertEquals(BlobKeys.MAX_LENGTH, longKey.length());
        store.put(longKey.toString(), bytes("long"), null);
        assertEquals("long", text(store.read(longKey.toString())));
    }

    // ---- concurrency ----

    @Test
    void concurrentWritersNeverTearABlob() throws Exception {
        String key = ns + "c/page.png";
        int writers = 4;
        int rounds = 12;
        int size = 96 * 1024;
        store.put(key, fill(size, 0, 0), null);
        ExecutorService pool = Executors.newFixedThreadPool(writers + 1);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 1; w <= writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int r = 0; r < rounds; r++) {
                        if (r % 2 == 0) {
                            store.put(key, fill(size, writer, r), null);
                        } else {
                            store.put(key, new ByteArrayInputStream(fill(size, writer, r)), null, size);
                        }
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                start.await();
                while (writing.get()) {
                    Optional<byte[]> b = store.read(key);
                    assertTrue(b.isPresent(), "a replaced blob never disappears");
                    assertWhole(b.get(), size);
                    reads.incrementAndGet();
                }
                return null;
            });
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertWhole(store.read(key).orElseThrow(), size);
        assertTrue(reads.get() > 0);
        assertNoLeftovers(ns + "c");
    }

    /** A blob written by one writer in one round: every byte says (writer, round). */
    private static byte[] fill(int size, int writer, int round) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (writer * 31 + round * 7 + i % 3);
        }
        return b;
    }

    private static void assertWhole(byte[] b, int size) {
        assertEquals(size, b.length, "a whole blob, never a part of one");
        int base = (b[0] & 0xff);
        for (int i = 0; i < size; i++) {
            if ((byte) (base + i % 3) != b[i]) {
                throw new AssertionError("torn blob: byte " + i + " belongs to another write");
            }
        }
    }

    // ---- URLs ----

    @Test
    void urlServesTheBytesWithoutCredentials() throws Exception {
        byte[] data = random(5000, 6);
        String key = ns + "u/page-1.png";
        store.put(key, data, "image/png");
        URI url = store.url(key, Duration.ofMinutes(5), BASE);
        Fetched f = fetch(url);
        assertEquals(200, f.status());
        assertArrayEquals(data, f.body());
    }

    @Test
    void urlSaysWhenItExpires() throws Exception {
        String key = ns + "u/ttl.bin";
        store.put(key, bytes("x"), null);
        for (Duration ttl : List.of(Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(2))) {
            Instant expected = Instant.now().plus(ttl);
            Instant actual = expiryOf(store.url(key, ttl, BASE));
            assertTrue(Duration.between(expected, actual).abs().compareTo(Duration.ofSeconds(3)) <= 0,
                    "ttl " + ttl + ": expires " + actual + ", expected about " + expected);
        }
    }

    @Test
    void urlsOfDifferentKeysDiffer() throws Exception {
        store.put(ns + "u/a", bytes("a"), null);
        store.put(ns + "u/b", bytes("b"), null);
        URI a = store.url(ns + "u/a", Duration.ofMinutes(5), BASE);
        URI b = store.url(ns + "u/b", Duration.ofMinutes(5), BASE);
        assertNotEquals(a, b);
        assertEquals("a", new String(fetch(a).body(), StandardCharsets.UTF_8));
        assertEquals("b", new String(fetch(b).body(), StandardCharsets.UTF_8));
    }

    @Test
    void expiredUrlIsRefused() throws Exception {
        assumeTrue(urlsAreVerified(), "this test server does not check URL expiry");
        String key = ns + "u/short.bin";
        store.put(key, bytes("short-lived"), null);
        URI url = store.url(key, Duration.ofSeconds(1), BASE);
        assertEquals(200, fetch(url).status());
        int status = Poll.until(Duration.ofSeconds(15), "the URL to expire", () -> {
            try {
                return fetch(url).status();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, s -> s != 200);
        assertTrue(status == 403 || status == 410, "expired URL answered " + status);
    }

    @Test
    void tamperedUrlIsRefused() throws Exception {
        assumeTrue(urlsAreVerified(), "this test server does not check URL signatures");
        String key = ns + "u/private.bin";
        String content = "content-" + UUID.randomUUID();
        store.put(key, bytes(content), null);
        Fetched f = fetch(withTamperedSignature(store.url(key, Duration.ofMinutes(5), BASE)));
        assertEquals(403, f.status());
        assertFalse(new String(f.body(), StandardCharsets.UTF_8).contains(content));
    }

    // ---- helpers ----

    protected static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    protected static String text(Optional<byte[]> b) {
        return new String(b.orElseThrow(() -> new AssertionError("no blob")), StandardCharsets.UTF_8);
    }

    protected static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    protected static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) != -1; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A long deterministic stream produced on the fly, counting what was read from it. */
    protected static class PatternStream extends InputStream {
        private final long length;
        private final int seed;
        private long position;

        PatternStream(long length, int seed) {
            this.length = length;
            this.seed = seed;
        }

        long consumed() {
            return position;
        }

        private byte at(long i) {
            long x = (i + seed) * 0x9E3779B97F4A7C15L;
            return (byte) (x >>> 56);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(len, Math.min(length - position, 64 * 1024));
            for (int i = 0; i < n; i++) {
                b[off + i] = at(position + i);
            }
            position += n;
            return n;
        }
    }
}
