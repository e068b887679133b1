package dev.qalam.platform.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.MultipartUpload;

/**
 * The S3 store against the contract, on a real S3-compatible server over HTTP (S3Proxy in a child JVM)
 * that checks signatures and expiry.
 * Presigned URLs are fetched with java.net.http, as a client holding one would.
 */
class S3BlobStoreTest extends BlobStoreContract {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String BUCKET = "qalam-test";

    private static S3TestServer server;
    private static S3Client admin;
    private static S3BlobStore shared;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start();
        admin = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .endpointOverride(server.endpoint()).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(S3TestServer.ACCESS_KEY, S3TestServer.SECRET_KEY)))
                .build();
        // Tests create their bucket; the server never does.
        admin.createBucket(b -> b.bucket(BUCKET));
        shared = newStore(BUCKET, "");
    }

    @AfterAll
    static void stopServer() {
        if (shared != null) {
            shared.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static S3BlobStore newStore(String bucket, String prefix) {
        Map<String, String> env = Map.of(
                S3Settings.BUCKET, bucket,
                S3Settings.ENDPOINT, server.endpoint().toString(),
                S3Settings.ACCESS_KEY, S3TestServer.ACCESS_KEY,
                S3Settings.SECRET_KEY, S3TestServer.SECRET_KEY,
                S3Settings.PREFIX, prefix);
        // The smallest part S3 allows, so the contract's large blobs take the multipart path.
        return new S3BlobStore(S3Settings.from(n -> Optional.ofNullable(env.get(n))).orElseThrow(),
                S3BlobStore.MIN_PART_SIZE);
    }

    @Override
    protected BlobStore store() {
        return shared;
    }

    @Override
    protected Fetched fetch(URI url) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Fetched(r.statusCode(), r.body());
    }

    @Override
    protected Instant expiryOf(URI url) {
        Map<String, String> q = query(url);
        Instant signed = LocalDateTime.parse(q.get("X-Amz-Date"), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
                .toInstant(ZoneOffset.UTC);
        return signed.plusSeconds(Long.parseLong(q.get("X-Amz-Expires")));
    }

    @Override
    protected URI withTamperedSignature(URI url) {
        String sig = query(url).get("X-Amz-Signature");
        String other = (sig.charAt(0) == 'a' ? "b" : "a") + sig.substring(1);
        return URI.create(url.toString().replace("X-Amz-Signature=" + sig, "X-Amz-Signature=" + other));
    }

    @Override
    protected void assertNoLeftovers(String folder) {
        List<MultipartUpload> pending = admin.listMultipartUploads(r -> r.bucket(BUCKET).prefix(folder)).uploads();
        assertEquals(List.of(), pending.stream().map(MultipartUpload::key).toList(), "multipart uploads left open");
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> q = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    // ---- what only the S3 store has ----

    @Test
    void presignedUrlIsAPathStyleSigV4GetOnTheEndpoint() throws Exception {
        store.put(ns + "p.png", bytes("png"), "image/png");
        URI url = store.url(ns + "p.png", Duration.ofMinutes(10), BASE);
        assertEquals(server.endpoint().getAuthority(), url.getAuthority(), "the object store serves it, not Qalam");
        assertEquals("/" + BUCKET + "/" + ns + "p.png", url.getPath());
        Map<String, String> q = query(url);
        assertEquals("AWS4-HMAC-SHA256", q.get("X-Amz-Algorithm"));
        assertEquals("600", q.get("X-Amz-Expires"));
        assertTrue(q.get("X-Amz-Credential").startsWith(S3TestServer.ACCESS_KEY + "/"), q.get("X-Amz-Credential"));
        assertTrue(store.isObjectStore());
    }

    @Test
    void urlLifetimeIsWhatS3Allows() throws Exception {
        store.put(ns + "t", bytes("t"), null);
        assertThrows(IllegalArgumentException.class, () -> store.url(ns + "t", Duration.ofDays(8), BASE));
        assertThrows(IllegalArgumentException.class, () -> store.url(ns + "t", Duration.ZERO, BASE));
        assertEquals(200, fetch(store.url(ns + "t", Duration.ofDays(7), BASE)).status());
    }

    @Test
    void contentTypeIsStoredWithTheObject() throws Exception {
        store.put(ns + "c.png", bytes("png"), "image/png");
        store.put(ns + "c.bin", bytes("bin"), null);
        assertEquals("image/png", admin.headObject(r -> r.bucket(BUCKET).key(ns + "c.png")).contentType());
        assertEquals("application/octet-stream", admin.headObject(r -> r.bucket(BUCKET).key(ns + "c.bin")).contentType());
    }

    @Test
    void prefixKeepsDeploymentsApart() throws Exception {
        String prefix = "deploy-" + UUID.randomUUID().toString().substring(0, 8);
        try (S3BlobStore a = newStore(BUCKET, "/" + prefix + "/a"); S3BlobStore b = newStore(BUCKET, prefix + "/b/")) {
            a.put("ocr/job/source.pdf", bytes("a's"), "application/pdf");
            b.put("ocr/job/source.pdf", bytes("b's"), "application/pdf");
            assertEquals("a's", admin.getObjectAsBytes(r -> r.bucket(BUCKET).key(prefix + "/a/ocr/job/source.pdf"))
                    .asUtf8String(), "objects live under the prefix");
            assertEquals("a's", text(a.read("ocr/job/source.pdf")));
            assertEquals("b's", text(b.read("ocr/job/source.pdf")));
            a.deletePrefix("ocr");
            assertFalse(a.exists("ocr/job/source.pdf"));
            assertTrue(b.exists("ocr/job/source.pdf"), "one deployment's deletePrefix never reaches another's");
            assertEquals("b's", new String(fetch(b.url("ocr/job/source.pdf", Duration.ofMinutes(1), BASE)).body(),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void theObjectIsPrivateWithoutTheSignature() throws Exception {
        store.put(ns + "private.pdf", bytes("private"), "application/pdf");
        URI url = store.url(ns + "private.pdf", Duration.ofMinutes(1), BASE);
        URI bare = URI.create(url.toString().substring(0, url.toString().indexOf('?')));
        assertEquals(403, fetch(bare).status());
    }

    @Test
    void wrongCredentialsAreAnIOException() {
        Map<String, String> env = Map.of(S3Settings.BUCKET, BUCKET, S3Settings.ENDPOINT, server.endpoint().toString(),
                S3Settings.ACCESS_KEY, S3TestServer.ACCESS_KEY, S3Settings.SECRET_KEY, "not-the-secret");
        try (S3BlobStore wrong = new S3BlobStore(S3Settings.from(n -> Optional.ofNullable(env.get(n))).orElseThrow())) {
            assertThrows(java.io.IOException.class, () -> wrong.put(ns + "w", bytes("x"), null));
            assertFalse(wrong.checkBucket());
        }
    }

    @Test
    void bucketCheckTellsAMissingBucket() {
        assertTrue(shared.checkBucket());
        try (S3BlobStore missing = newStore("no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8), "")) {
            assertFalse(missing.checkBucket());
        }
    }

    @Test
    void missingBucketFailsWithAnIOException() {
        try (S3BlobStore missing = newStore("no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8), "")) {
            assertThrows(java.io.IOException.class, () -> missing.put("k", bytes("x"), null));
            assertThrows(java.io.IOException.class, () -> missing.open("k"));
        }
    }
}
