package dev.qalam.llm.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP to the providers, with the three time limits a gateway needs: connect, answer (headers, and the
 * whole body of a non-streamed answer) and idle-between-chunks for streams (a stream may run for minutes
 * as long as it keeps producing).
 *
 * <p>This is the JDK client rather than a MicroProfile Rest Client proxy on purpose: the Rest Client
 * runtime here (RESTEasy on Apache HttpClient 4) drains the rest of a chunked body when its stream is
 * closed, so a stream whose client disconnected could not be cancelled; cancelling the JDK client's
 * body subscription closes the connection at once.
 */
public class UpstreamHttp {

    /** Reads a provider's error answer into the exception the client will see. */
    @FunctionalInterface
    public interface ErrorReader {
        UpstreamException read(int status, String body, HttpHeaders headers);
    }

    public record Timeouts(Duration connect, Duration answer, Duration idle) {
    }

    private final HttpClient client;
    private final Timeouts timeouts;

    public UpstreamHttp(Timeouts timeouts, Executor executor) {
        this.timeouts = timeouts;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (executor != null) {
            b.executor(executor);
        }
        this.client = b.build();
    }

    public Timeouts timeouts() {
        return timeouts;
    }

    /** POSTs JSON and returns the 2xx body; anything else becomes an {@link UpstreamException}. */
    public String postJson(String provider, String url, Map<String, String> headers, String body, ErrorReader errors) {
        CompletableFuture<HttpResponse<String>> call = client.sendAsync(request(url, headers, body),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> r;
        try {
            r = call.get(timeouts.answer().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw UpstreamErrors.timeout(provider, "did not answer within " + timeouts.answer().toSeconds() + " s");
        } catch (ExecutionException e) {
            throw UpstreamErrors.transport(provider, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw UpstreamErrors.transport(provider, e);
        }
        if (r.statusCode() / 100 != 2) {
            throw errors.read(r.statusCode(), withoutSecrets(r.body(), headers), r.headers());
        }
        return r.body();
    }

    /**
     * POSTs JSON and returns once the provider accepted the request (2xx headers), with its body as lines.
     * An error answer is read whole and thrown as an {@link UpstreamException}.
     */
    public LineStream openStream(String provider, String url, Map<String, String> headers, String body,
                                 ErrorReader errors) {
        LineStream lines = new LineStream(provider, timeouts.idle());
        CompletableFuture<HttpResponse.ResponseInfo> head = new CompletableFuture<>();
        CompletableFuture<HttpResponse<Void>> call = client.sendAsync(request(url, headers, body), info -> {
            head.complete(info);
            return HttpResponse.BodySubscribers.fromLineSubscriber(lines, s -> null, StandardCharsets.UTF_8, null);
        });
        lines.attach(call);
        call.whenComplete((r, t) -> {
            if (t != null) {
                head.completeExceptionally(t);
                lines.fail(t);
            }
        });
        HttpResponse.ResponseInfo info;
        try {
            info = head.get(timeouts.answer().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lines.cancel();
            throw UpstreamErrors.timeout(provider, "did not start answering within "
                    + timeouts.answer().toSeconds() + " s");
        } catch (ExecutionException | CancellationException e) {
            lines.cancel();
            throw UpstreamErrors.transport(provider, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            lines.cancel();
            Thread.currentThread().interrupt();
            throw UpstreamErrors.transport(provider, e);
        }
        if (info.statusCode() / 100 != 2) {
            String text = lines.drain(timeouts.answer());
            throw errors.read(info.statusCode(), withoutSecrets(text, headers), info.headers());
        }
        return lines;
    }

    /**
     * An error answer with every credential this request carried replaced (the values of its
     * {@code Authorization} and {@code *key*} / {@code *token*} headers, and the token of a {@code Bearer} value):
     * a provider that echoes the key it was sent must not put it in an exception message, a log line or a
     * client's error.
     */
    static String withoutSecrets(String text, Map<String, String> headers) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey().toLowerCase(java.util.Locale.ROOT);
            if (!name.equals("authorization") && !name.contains("key") && !name.contains("token")) {
                continue;
            }
            String value = h.getValue();
            String token = value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7).strip() : value;
            for (String secret : new String[]{value, token}) {
                if (secret.length() >= 8 && out.contains(secret)) {
                    out = out.replace(secret, "[redacted]");
                }
            }
        }
        return out;
    }

    private HttpRequest request(String url, Map<String, String> headers, String body) {
        URI uri = URI.create(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                // Plain-HTTP upstreams (local servers, test fakes) speak HTTP/1.1; TLS ones negotiate HTTP/2.
                .version("https".equalsIgnoreCase(uri.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(b::header);
        return b.build();
    }
}
