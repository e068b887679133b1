package dev.qalam.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile client over a raw socket: the refusal (401 without a key, 413 over the limit) arrives while the
 * client is still sending a body it never finishes, the connection is closed after it, and the server stays
 * healthy. Bodies are chunked (no length to refuse them by), with content types that JAX-RS would otherwise
 * read whole before routing: multipart and {@code *}{@code /*}.
 */
class EarlyRefusalIT {

    private static final long JSON_LIMIT = 32L * 1024 * 1024;
    /** QALAM_OCR_MAX_UPLOAD_MB (100 by default) and room for the multipart framing. */
    private static final long UPLOAD_LIMIT = 100L * 1024 * 1024 + 64 * 1024;
    private static final byte[] CHUNK = new byte[64 * 1024];

    @AfterEach
    void serverStaysHealthy() {
        TestServer.awaitReady();
        Api.Reply models = Keys.create("models").api().get("/v1/models");
        assertEquals(200, models.status(), models.toString());
    }

    @Test
    void anonymousChunkedMultipartIs401BeforeTheBodyIsSent() throws Exception {
        try (Socket s = connect()) {
            send(s, head("/v1/chat/completions", null, "multipart/form-data; boundary=zzz"));
            sendChunk(s, CHUNK);
            // One chunk of a body announced as endless: the answer comes without more.
            String answer = readAnswer(s);
            assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
            assertTrue(answer.contains("\"invalid_api_key\""), answer);
            assertTrue(answer.toLowerCase().contains("connection: close"), answer);
            // The server discards whatever else is sent (never reads it into memory) and ends the connection.
            sendChunk(s, CHUNK);
            send(s, "0\r\n\r\n");
            assertClosed(s);
        }
    }

    @Test
    void anonymousBodyOfAnyTypeAndDeclaredLengthIs401BeforeItIsSent() throws Exception {
        for (String type : new String[] {"*/*", "application/json", "application/octet-stream"}) {
            try (Socket s = connect()) {
                send(s, "POST /v1/embeddings HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type
                        + "\r\nContent-Length: " + (10L << 30) + "\r\n\r\n{\"input\":\"");
                String answer = readAnswer(s);
                assertTrue(answer.startsWith("HTTP/1.1 401"), type + ": " + answer);
                assertTrue(answer.toLowerCase().contains("connection: close"), answer);
            }
        }
    }

    @Test
    void wrongKeyIs401BeforeTheBodyIsSent() throws Exception {
        try (Socket s = connect()) {
            send(s, head("/v1/ocr/upload", "qk_not_a_real_key", "multipart/form-data; boundary=zzz"));
            sendChunk(s, CHUNK);
            String answer = readAnswer(s);
            assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
            send(s, "0\r\n\r\n");
            assertClosed(s);
        }
    }

    @Test
    void chunkedBodyOverTheLimitIs413WhileItIsStillComing() throws Exception {
        Keys.TestKey key = Keys.create("llm", "ocr");
        String[][] cases = {
            {"/v1/embeddings", "*/*", String.valueOf(JSON_LIMIT)},
            {"/v1/chat/completions", "application/json", String.valueOf(JSON_LIMIT)},
            {"/v1/ocr/upload", "multipart/form-data; boundary=zzz", String.valueOf(UPLOAD_LIMIT)}};
        for (String[] c : cases) {
            String type = c[1];
            long limit = Long.parseLong(c[2]);
            try (Socket s = connect()) {
                send(s, head(c[0], key.secret(), type));
                // Send up to 16 MB past the limit from another thread and never finish the body.
                AtomicLong sent = new AtomicLong();
                AtomicBoolean writerStopped = new AtomicBoolean();
                Thread writer = new Thread(() -> {
                    try {
                        while (sent.get() < limit + 16L * 1024 * 1024) {
                            sendChunk(s, CHUNK);
                            sent.addAndGet(CHUNK.length);
                        }
                    } catch (IOException refusedOrClosed) {
                        // The server stopped reading: expected.
                    } finally {
                        writerStopped.set(true);
                    }
                });
                writer.setDaemon(true);
                writer.start();
                String answer = readAnswer(s);
                assertTrue(answer.startsWith("HTTP/1.1 413"), type + ": " + answer);
                assertTrue(answer.contains("\"payload_too_large\""), answer);
                assertTrue(answer.toLowerCase().contains("connection: close"), answer);
                assertTrue(sent.get() >= limit - 8L * 1024 * 1024, "refused after " + sent.get() + " bytes");
                s.shutdownOutput();
                writer.join(30_000);
                assertTrue(writerStopped.get());
            } catch (IOException ignoredAfterAssertions) {
                // shutdownOutput on a socket the server closed
            }
        }
    }

    @Test
    void declaredLengthOverTheLimitIs413BeforeTheBodyIsSent() throws Exception {
        Keys.TestKey key = Keys.create("llm");
        try (Socket s = connect()) {
            send(s, "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key.secret()
                    + "\r\nContent-Type: */*\r\nContent-Length: " + (JSON_LIMIT + 1) + "\r\n\r\n{");
            String answer = readAnswer(s);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.toLowerCase().contains("connection: close"), answer);
        }
    }

    @Test
    void aBodyWithinTheLimitStillWorksChunked() throws Exception {
        Keys.TestKey key = Keys.create("llm");
        try (Socket s = connect()) {
            send(s, head("/v1/admin/teams", key.secret(), "application/json"));
            sendChunk(s, "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            send(s, "0\r\n\r\n");
            String answer = readAnswer(s);
            // Authenticated, body read, then refused for the missing scope: the key is not the operator's.
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        }
        assertFalse(Api.admin().post("/v1/admin/teams", Map.of("name", "early-refusal")).status() >= 400);
    }

    private static Socket connect() throws IOException {
        URI uri = TestServer.uri("/");
        Socket s = new Socket(uri.getHost(), uri.getPort());
        s.setSoTimeout(30_000);
        return s;
    }

    private static String head(String path, String key, String type) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                + "Content-Type: " + type + "\r\nTransfer-Encoding: chunked\r\n\r\n";
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static void sendChunk(Socket s, byte[] chunk) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The status line, headers and error body of the answer (an error body ends with "}}"). */
    private static String readAnswer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!got.toString(StandardCharsets.UTF_8).endsWith("}}")) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            got.write(buf, 0, n);
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    /** The server ends the connection after its refusal instead of waiting for (or reading) the rest. */
    private static void assertClosed(Socket s) throws IOException {
        try {
            assertEquals(-1, s.getInputStream().read(), "connection still open after the refusal");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("connection still open 30 s after the refusal", e);
        } catch (java.net.SocketException reset) {
            // Closed with a reset because unread bytes were pending: closed all the same.
        }
    }
}
