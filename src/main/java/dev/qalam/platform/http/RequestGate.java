package dev.qalam.platform.http;

import dev.qalam.platform.auth.Authenticator;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.json.Jsonp;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The first thing every request meets, before JAX-RS matches a route, negotiates a type or reads an entity.
 * A request that carries a body must authenticate here (unless its path is one of {@link #PUBLIC_PREFIXES}),
 * so that no anonymous client can make the server read, buffer or parse anything; and every body is bounded
 * while it streams in, whatever its content type and whether it is chunked: {@code QALAM_MAX_REQUEST_MB}
 * (default 32) for JSON and other bodies, an {@link UploadRoute}'s own limit on upload paths.
 * A refusal (401, 413) is sent at once, without reading the rest of the body, and the connection is closed
 * after it, so that the client's remaining bytes are never read. Requests without a body are authenticated
 * after routing by {@link dev.qalam.platform.auth.AuthFilter}, which also checks scopes and reuses the
 * principal found here.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RequestGate extends HttpFilter {

    /**
     * Paths served without credentials that may carry a body; every other request with a body authenticates
     * here. Each {@link dev.qalam.platform.auth.Public} resource lies under one of these (a unit test checks).
     */
    public static final List<String> PUBLIC_PREFIXES = List.of("/v1/files/");

    /** The request attribute holding the {@link QalamPrincipal} authenticated here. */
    public static final String PRINCIPAL = RequestGate.class.getName() + ".principal";

    @Inject
    Authenticator authenticator;

    @Inject
    Instance<UploadRoute> uploadRoutes;

    @Inject
    @ConfigProperty(name = "QALAM_MAX_REQUEST_MB", defaultValue = "32")
    long maxRequestMb;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!hasBody(request)) {
            chain.doFilter(request, response);
            return;
        }
        String path = pathOf(request);
        try {
            if (!isPublic(path)) {
                request.setAttribute(PRINCIPAL, authenticator.authenticate(bearer(request.getHeader("Authorization"))));
            }
            Limit limit = limitFor(path);
            long declared = declaredLength(request);
            if (declared > limit.bytes()) {
                throw limit.refusal();
            }
            chain.doFilter(new Bounded(request, response, limit), response);
        } catch (ApiException e) {
            refuse(response, e);
        }
    }

    /** A body is coming when the client declared a non-zero length or a transfer coding (chunked). */
    static boolean hasBody(HttpServletRequest request) {
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
    }

    static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    static boolean isPublic(String path) {
        return PUBLIC_PREFIXES.stream().anyMatch(path::startsWith);
    }

    /** The credential of an {@code Authorization: Bearer ...} header; null when there is none. */
    public static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String h = header.strip();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).strip();
        }
        throw ApiException.unauthorized("Send the API key as 'Authorization: Bearer YOUR_API_KEY'.");
    }

    static long declaredLength(HttpServletRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_content_length", "The Content-Length header is not a number.");
        }
    }

    /** The body limit of a path and the refusal that goes with it. */
    record Limit(long bytes, String message) {
        ApiException refusal() {
            return ApiException.payloadTooLarge(message);
        }
    }

    Limit limitFor(String path) {
        for (UploadRoute route : uploadRoutes) {
            if (route.path().equals(path)) {
                return new Limit(route.maxBodyBytes(), "The file is larger than " + route.describeLimit() + ".");
            }
        }
        return new Limit(maxRequestMb * 1024 * 1024, "The request body is larger than " + maxRequestMb + " MB.");
    }

    /**
     * Answers now, in the API's error shape, and closes the connection after the answer: the body the
     * client is still sending is never read.
     */
    static void refuse(HttpServletResponse response, ApiException e) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        response.setStatus(e.status());
        response.setHeader("Connection", "close");
        if (e.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType("application/json");
        byte[] body = errorJson(e).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static String errorJson(ApiException e) {
        StringWriter out = new StringWriter();
        try (var w = Jsonp.PROVIDER.createWriter(out)) {
            var error = Jsonp.PROVIDER.createObjectBuilder().add("message", e.getMessage()).add("type", e.type());
            if (e.code() == null) {
                error.addNull("code");
            } else {
                error.add("code", e.code());
            }
            w.writeObject(Jsonp.PROVIDER.createObjectBuilder().add("error", error).build());
        }
        return out.toString();
    }

    /** The request with its body stream cut off past the limit. */
    static final class Bounded extends HttpServletRequestWrapper {
        private final HttpServletResponse response;
        private final Limit limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, HttpServletResponse response, Limit limit) {
            super(request);
            this.response = response;
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new BoundedStream(super.getInputStream());
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            String charset = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    charset == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(charset)));
        }

        final class BoundedStream extends ServletInputStream {
            private final ServletInputStream in;
            private long read;

            BoundedStream(ServletInputStream in) {
                this.in = in;
            }

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = in.read(buf, off, len);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(long n) {
                read += n;
                if (read > limit.bytes()) {
                    // Whoever answers (the exception mappers), the connection ends after the answer.
                    if (!response.isCommitted()) {
                        response.setHeader("Connection", "close");
                    }
                    throw limit.refusal();
                }
            }

            @Override
            public boolean isFinished() {
                return in.isFinished();
            }

            @Override
            public boolean isReady() {
                return in.isReady();
            }

            @Override
            public void setReadListener(ReadListener listener) {
                in.setReadListener(listener);
            }

            @Override
            public int available() throws IOException {
                return in.available();
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        }
    }
}
