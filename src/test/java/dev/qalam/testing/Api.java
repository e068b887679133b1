package dev.qalam.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for the integration tests: JSON in, {@link Reply} out, over real HTTP. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

    private final String key;
    /** The server called; null for the suite's server. */
    private final String baseUrl;

    private Api(String key) {
        this(key, null);
    }

    private Api(String key, String baseUrl) {
        this.key = key;
        this.baseUrl = baseUrl;
    }

    /** The same credential against another server (a second server sharing the database). */
    public Api at(String otherBaseUrl) {
        return new Api(key, otherBaseUrl);
    }

    /** Calls made with this credential (an API key or a token); null for none. */
    public static Api as(String key) {
        return new Api(key);
    }

    public static Api admin() {
        return new Api(TestServer.adminKey());
    }

    public static Api anonymous() {
        return new Api(null);
    }

    public record Reply(int status, HttpResponse<byte[]> raw) {
        public String body() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        public byte[] bytes() {
            return raw.body();
        }

        public JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body(), e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }

    public Reply get(String path) {
        return send(builder(path).GET());
    }

    public Reply delete(String path) {
        return send(builder(path).DELETE());
    }

    public Reply post(String path, Object body) {
        return postRaw(path, "application/json", toJson(body));
    }

    /** A JSON POST with extra headers (such as {@code X-Forwarded-For}). */
    public Reply post(String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder b = builder(path).POST(HttpRequest.BodyPublishers.ofString(toJson(body), StandardCharsets.UTF_8))
                .header("Content-Type", "application/json");
        headers.forEach(b::header);
        return send(b);
    }

    public Reply postRaw(String path, String contentType, String body) {
        HttpRequest.Builder b = builder(path).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    /** Any method with raw bytes as the body (which need not be valid UTF-8 or JSON); null type for none. */
    public Reply raw(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder b = builder(path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b);
    }

    public Reply method(String method, String path) {
        return send(builder(path).method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** A multipart/form-data POST with one file part and optional text fields. */
    public Reply multipart(String path, String field, String filename, String contentType, byte[] content,
                           Map<String, String> fields) {
        String boundary = "----qalam" + UUID.randomUUID();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            for (Map.Entry<String, String> f : (fields == null ? Map.<String, String>of() : fields).entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                        + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (field != null) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                        + "\"; filename=\"" + filename + "\"\r\nContent-Type: " + contentType + "\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(content);
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(builder(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    public Reply multipart(String path, String field, String filename, String contentType, byte[] content) {
        return multipart(path, field, filename, contentType, content, null);
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(baseUrl == null ? TestServer.uri(path) : java.net.URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(120));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    private static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(r.statusCode(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String toJson(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A map literal that keeps insertion order, for readable request bodies. */
    public static Map<String, Object> obj(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
