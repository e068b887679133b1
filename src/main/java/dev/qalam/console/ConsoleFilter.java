package dev.qalam.console;

import jakarta.inject.Inject;
import dev.qalam.platform.json.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves the console's files for {@code GET}/{@code HEAD} of {@code /}, {@code /console/...} and
 * {@code /webjars/...}, before JAX-RS (which owns the context root) would answer them with a 404. Every page
 * goes out under a strict Content-Security-Policy: scripts and styles only from this server (no inline
 * script), connections only to this server and, with SSO on, to the identity provider.
 *
 * <p>{@code /console/config.json} tells the page how it may sign in: with SSO when
 * {@code QALAM_OIDC_ISSUER}, {@code QALAM_OIDC_AUDIENCE} and {@code QALAM_OIDC_CLIENT_ID} are set.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ConsoleFilter extends HttpFilter {

    static final String INDEX = "/console/index.html";
    static final String CONFIG = "/console/config.json";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=UTF-8",
            "js", "text/javascript; charset=UTF-8",
            "css", "text/css; charset=UTF-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    @Inject
    @ConfigProperty(name = "QALAM_OIDC_ISSUER")
    Optional<String> issuer;

    @Inject
    @ConfigProperty(name = "QALAM_OIDC_AUDIENCE")
    Optional<String> audience;

    @Inject
    @ConfigProperty(name = "QALAM_OIDC_CLIENT_ID")
    Optional<String> clientId;

    @Inject
    @ConfigProperty(name = "QALAM_S3_ENDPOINT")
    Optional<String> s3Endpoint;

    @Inject
    @ConfigProperty(name = "QALAM_S3_BUCKET")
    Optional<String> s3Bucket;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        String path = consolePath(pathOf(request));
        if (path == null || !("GET".equals(method) || "HEAD".equals(method))) {
            chain.doFilter(request, response);
            return;
        }
        headers(response);
        if (CONFIG.equals(path)) {
            send(response, "json", config().getBytes(StandardCharsets.UTF_8), "HEAD".equals(method));
            return;
        }
        String resource = path.startsWith("/webjars/") ? "/META-INF/resources" + path : path;
        try (InputStream in = openResource(resource)) {
            if (in == null) {
                response.sendError(404);
                return;
            }
            send(response, extension(path), in.readAllBytes(), "HEAD".equals(method));
        }
    }

    private InputStream openResource(String resource) throws IOException {
        InputStream in = getServletContext().getResourceAsStream(resource);
        if (in == null && resource.startsWith("/META-INF/resources/")) {
            // WebJars are jars in WEB-INF/lib: their META-INF/resources is a class path resource.
            in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource.substring(1));
        }
        return in;
    }

    /**
     * The console file a request path names, or null when the path is not the console's (the API's, or a
     * path that tries to leave the console's folders).
     */
    static String consolePath(String path) {
        if (path.isEmpty() || "/".equals(path) || "/index.html".equals(path) || "/console".equals(path)
                || "/console/".equals(path)) {
            return INDEX;
        }
        if (!(path.startsWith("/console/") || path.startsWith("/webjars/"))) {
            return null;
        }
        if (path.contains("..") || path.contains("//") || path.contains("\\") || path.contains("%")
                || path.endsWith("/") || !TYPES.containsKey(extension(path))) {
            return null;
        }
        return path;
    }

    static String extension(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static String pathOf(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }

    private static void send(HttpServletResponse response, String extension, byte[] body, boolean head)
            throws IOException {
        response.setStatus(200);
        response.setContentType(TYPES.get(extension));
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    private void headers(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy(ssoOrigin(), imageOrigin()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        // Small files, revalidated on every load, so that a new server version is picked up at once.
        response.setHeader("Cache-Control", "no-cache");
    }

    /**
     * No inline script or style and no eval; connections to this server and the identity provider only; page
     * images from this server, data URIs (thumbnails) and the object store that presigns their URLs.
     */
    static String contentSecurityPolicy(String ssoOrigin, String imageOrigin) {
        String connect = "'self'" + (ssoOrigin == null ? "" : " " + ssoOrigin);
        String img = "'self' data: blob:" + (imageOrigin == null ? "" : " " + imageOrigin);
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src " + img + "; connect-src " + connect
                + "; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    private boolean ssoEnabled() {
        return present(issuer) && present(audience) && present(clientId);
    }

    private String ssoOrigin() {
        return ssoEnabled() ? origin(issuer.get().strip()) : null;
    }

    /** Where presigned page image URLs point when an object store holds them. */
    private String imageOrigin() {
        if (!present(s3Bucket)) {
            return null;
        }
        return present(s3Endpoint) ? origin(s3Endpoint.get().strip()) : "https://*.amazonaws.com";
    }

    static String origin(String url) {
        try {
            URI u = URI.create(url);
            if (u.getScheme() == null || u.getHost() == null) {
                return null;
            }
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String config() {
        JsonObjectBuilder out = Jsonp.PROVIDER.createObjectBuilder();
        if (ssoEnabled()) {
            out.add("oidc", Jsonp.PROVIDER.createObjectBuilder().add("issuer", issuer.get().strip())
                    .add("client_id", clientId.get().strip()).add("audience", audience.get().strip()));
        } else {
            out.addNull("oidc");
        }
        return out.build().toString();
    }

    private static boolean present(Optional<String> value) {
        return value.isPresent() && !value.get().isBlank();
    }
}
