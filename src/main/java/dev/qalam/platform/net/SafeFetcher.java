package dev.qalam.platform.net;

import dev.qalam.platform.net.UrlFetchException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.routing.DefaultRoutePlanner;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches a URL on a user's behalf without letting the user reach what only the server can reach
 * (server-side request forgery): only {@code http} and {@code https}, only public internet addresses
 * ({@link AddressPolicy}), a bounded number of redirects each checked like the first URL, a bounded body read
 * as a stream and abandoned as soon as it passes the limit, and connect, read and total time limits.
 *
 * <p><b>Why the check cannot be fooled by DNS.</b> Checking a name and then letting an HTTP client resolve it
 * again is open to DNS rebinding: the second answer can be {@code 127.0.0.1}. Here the fetcher resolves the
 * name itself, once, checks every address it got, and hands the client the target as a host name
 * <em>with</em> the vetted address ({@code HttpHost(scheme, address, name, port)}): Apache HttpClient connects
 * to that address and uses the name only for the {@code Host} header, TLS SNI and certificate checks, so
 * HTTPS still verifies the real site. The client's own DNS resolver is replaced by one that refuses every
 * name, so no code path can resolve again behind the check; and the address the socket actually connected to
 * is checked once more before the answer is read. The JDK's {@code HttpClient} has no way to do this on
 * Java 17 (no resolver hook; connecting to the IP with a {@code Host} header breaks TLS), hence Apache's.
 * No proxy is ever used (a proxy would resolve names itself).
 *
 * <p>IP literals are read as browsers read them ({@link IpLiterals#parseUrlHost}), so {@code 0177.0.0.1},
 * {@code 0x7f.1} and {@code 2130706433} are all {@code 127.0.0.1} and refused, and are never mistaken for a
 * name or a different address. A name resolving to several addresses is refused if any of them is not
 * public.
 *
 * <p>Thread-safe; one instance serves the whole application and must be closed with it.
 */
public final class SafeFetcher implements AutoCloseable {

    /** Resolves a host name to its addresses; the system resolver in production. */
    @FunctionalInterface
    public interface NameResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A URL that passed every check, with the addresses it may be fetched from, in order of preference. */
    public record Vetted(URI uri, String host, int port, List<InetAddress> addresses, boolean allowListed) {
    }

    private static final String ACCEPT = "text/html,application/xhtml+xml,application/pdf,text/plain,"
            + "text/markdown;q=0.9,*/*;q=0.5";
    private static final String USER_AGENT = "Qalam-Fetcher/1.0 (+attachments fetched for a user's request)";

    private final FetchSettings settings;
    private final NameResolver resolver;
    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient client;

    public SafeFetcher(FetchSettings settings) {
        this(settings, InetAddress::getAllByName);
    }

    public SafeFetcher(FetchSettings settings, NameResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
        Timeout connect = Timeout.of(settings.connectTimeout());
        Timeout read = Timeout.of(settings.readTimeout());
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new RefusingDnsResolver())
                .setDefaultConnectionConfig(ConnectionConfig.custom().setConnectTimeout(connect)
                        .setSocketTimeout(read).build())
                // Bounded header lines and count: a server streaming headers forever cannot grow memory.
                .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                        .http1Config(Http1Config.custom().setMaxLineLength(16 * 1024).setMaxHeaderCount(200).build())
                        .build())
                .setMaxConnTotal(50)
                .setMaxConnPerRoute(4)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(new DefaultRoutePlanner(DefaultSchemePortResolver.INSTANCE))
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .setUserAgent(USER_AGENT)
                .build();
    }

    public FetchSettings settings() {
        return settings;
    }

    /** Fetches {@code url} (a string as a client sent it). */
    public FetchedResource fetch(String url) {
        return fetch(parse(url));
    }

    /**
     * Fetches {@code uri}, following redirects.
     *
     * @throws UrlFetchException for every refusal and failure, with a message for the client
     */
    public FetchedResource fetch(URI uri) {
        long deadline = System.nanoTime() + settings.totalTimeout().toNanos();
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            Vetted target = vet(current);
            Exchange exchange = open(target, deadline);
            try {
                int status = exchange.response.getCode();
                if (isRedirect(status)) {
                    Header location = exchange.response.getFirstHeader("Location");
                    exchange.abandon();
                    if (location == null || location.getValue().isBlank()) {
                        throw new UrlFetchException(Reason.HTTP_ERROR,
                                "The URL answered with a redirect (HTTP " + status + ") that names no location.");
                    }
                    if (redirects >= settings.maxRedirects()) {
                        throw new UrlFetchException(Reason.TOO_MANY_REDIRECTS,
                                "The URL redirects more than " + settings.maxRedirects() + " times.");
                    }
                    current = redirectTarget(current, location.getValue());
                    continue;
                }
                if (status < 200 || status >= 300) {
                    exchange.abandon();
                    throw new UrlFetchException(Reason.HTTP_ERROR, "The URL answered with HTTP " + status
                            + " instead of a document.");
                }
                return exchange.read(target.uri());
            } finally {
                exchange.finish();
            }
        }
    }

    /**
     * Checks a URL as {@link #fetch} does before connecting: syntax, scheme, host, and every address the host
     * resolves to. Never connects.
     */
    public Vetted vet(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UrlFetchException(Reason.INVALID_URL, "Only http and https URLs can be fetched.");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UrlFetchException(Reason.INVALID_URL, "URLs with a user name or password are not accepted.");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new UrlFetchException(Reason.INVALID_URL, "The URL has no valid host name.");
        }
        String host = IpLiterals.bareHost(uri.getHost());
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        boolean allowListed = settings.allows(host, port);
        Optional<InetAddress> literal;
        try {
            literal = IpLiterals.parseUrlHost(host);
        } catch (IllegalArgumentException e) {
            throw new UrlFetchException(Reason.INVALID_URL, "The URL's host is not a valid IP address: " + e.getMessage() + ".");
        }
        List<InetAddress> addresses;
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            try {
                addresses = List.of(resolver.resolve(host));
            } catch (UnknownHostException e) {
                throw new UrlFetchException(Reason.UNKNOWN_HOST, "The URL's host name could not be resolved.");
            }
            if (addresses.isEmpty()) {
                throw new UrlFetchException(Reason.UNKNOWN_HOST, "The URL's host name could not be resolved.");
            }
        }
        if (!allowListed) {
            for (InetAddress address : addresses) {
                refuseUnlessPublic(address, literal.isPresent());
            }
        }
        return new Vetted(uri.normalize(), host, port, addresses, allowListed);
    }

    @Override
    public void close() {
        client.close(CloseMode.IMMEDIATE);
        connections.close(CloseMode.IMMEDIATE);
    }

    static URI parse(String url) {
        if (url == null || url.isBlank()) {
            throw new UrlFetchException(Reason.INVALID_URL, "The URL is empty.");
        }
        try {
            URI uri = new URI(url.strip());
            if (!uri.isAbsolute() || uri.isOpaque()) {
                throw new UrlFetchException(Reason.INVALID_URL, "The URL must be absolute, such as https://example.com/page.");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UrlFetchException(Reason.INVALID_URL, "The URL is not valid: " + e.getReason() + ".");
        }
    }

    private static URI redirectTarget(URI from, String location) {
        try {
            URI next = from.resolve(new URI(location.strip()));
            if (!next.isAbsolute()) {
                throw new URISyntaxException(location, "not absolute");
            }
            return next;
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UrlFetchException(Reason.HTTP_ERROR, "The URL redirects to an invalid location.");
        }
    }

    private static void refuseUnlessPublic(InetAddress address, boolean literal) {
        Optional<String> kind = AddressPolicy.refusal(address);
        if (kind.isPresent()) {
            // A literal is the client's own text; for a name, the address it resolved to stays private.
            String what = literal ? "The URL's address " + IpLiterals.format(address) + " is"
                    : "The URL's host resolves to an address that is";
            throw new UrlFetchException(Reason.ADDRESS_NOT_ALLOWED, what + " not on the public internet ("
                    + kind.get() + "); only public http(s) URLs can be fetched.");
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Connects to the first vetted address that answers, within the total deadline. */
    private Exchange open(Vetted target, long deadline) {
        UrlFetchException last = null;
        for (InetAddress address : target.addresses()) {
            HttpHost host = new HttpHost(target.uri().getScheme().toLowerCase(Locale.ROOT), address,
                    target.host(), target.port());
            Exchange exchange = new Exchange(new HttpGet(target.uri()), deadline);
            try {
                exchange.execute(host, target.allowListed());
                return exchange;
            } catch (UrlFetchException e) {
                exchange.finish();
                if (e.reason() != Reason.UNREACHABLE || exchange.timedOut.get()) {
                    throw e;
                }
                last = e;
            }
        }
        throw last != null ? last
                : new UrlFetchException(Reason.UNREACHABLE, "Could not connect to the URL's host.");
    }

    /** One request and its response, aborted when the total deadline passes. */
    private final class Exchange {
        final HttpGet request;
        final long deadline;
        final AtomicBoolean timedOut = new AtomicBoolean();
        final AtomicBoolean finished = new AtomicBoolean();
        ClassicHttpResponse response;

        Exchange(HttpGet request, long deadline) {
            this.request = request;
            this.deadline = deadline;
            request.setHeader("Accept", ACCEPT);
        }

        void execute(HttpHost host, boolean allowListed) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw timeout();
            }
            CompletableFuture.runAsync(() -> {
                if (!finished.get()) {
                    timedOut.set(true);
                    request.cancel();
                }
            }, CompletableFuture.delayedExecutor(remaining, TimeUnit.NANOSECONDS));
            HttpClientContext context = HttpClientContext.create();
            try {
                response = client.executeOpen(host, request, context);
            } catch (IOException e) {
                throw failure(e);
            }
            checkConnected(context, allowListed);
        }

        /** The socket's peer, checked again: the address the bytes really come from. */
        private void checkConnected(HttpClientContext context, boolean allowListed) {
            EndpointDetails endpoint = context.getEndpointDetails();
            SocketAddress remote = endpoint == null ? null : endpoint.getRemoteAddress();
            if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
                abandon();
                throw new UrlFetchException(Reason.UNREACHABLE, "Could not confirm the address of the URL's host.");
            }
            if (!allowListed && AddressPolicy.refusal(inet.getAddress()).isPresent()) {
                abandon();
                refuseUnlessPublic(inet.getAddress(), false);
            }
        }

        FetchedResource read(URI uri) {
            HttpEntity entity = response.getEntity();
            ContentType type = contentType(entity);
            String mediaType = type == null ? "" : type.getMimeType().toLowerCase(Locale.ROOT);
            Optional<Charset> charset = Optional.ofNullable(type).map(ContentType::getCharset);
            if (entity == null) {
                return new FetchedResource(uri, mediaType, charset, new byte[0]);
            }
            long max = settings.maxBytes();
            if (entity.getContentLength() > max) {
                abandon();
                throw tooLarge();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(
                    (int) Math.min(Math.max(entity.getContentLength(), 8192), max));
            try (InputStream in = entity.getContent()) {
                byte[] buffer = new byte[16 * 1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    total += n;
                    if (total > max) {
                        abandon();
                        throw tooLarge();
                    }
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                abandon();
                throw failure(e);
            }
            return new FetchedResource(uri, mediaType, charset, out.toByteArray());
        }

        /** Drops the connection without reading what is left of the body. */
        void abandon() {
            request.cancel();
        }

        void finish() {
            finished.set(true);
            if (response != null) {
                try {
                    response.close();
                } catch (IOException e) {
                    request.cancel();
                }
            }
        }

        private UrlFetchException failure(IOException e) {
            if (timedOut.get()) {
                return timeout();
            }
            if (e instanceof ConnectTimeoutException || e instanceof SocketTimeoutException) {
                return new UrlFetchException(Reason.TIMEOUT, "The URL's host did not answer within "
                        + seconds(e instanceof ConnectTimeoutException ? settings.connectTimeout().toMillis()
                        : settings.readTimeout().toMillis()) + ".", e);
            }
            if (e instanceof SSLException) {
                return new UrlFetchException(Reason.UNREACHABLE,
                        "The URL's host failed the secure (TLS) connection check.", e);
            }
            if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
                return new UrlFetchException(Reason.UNREACHABLE, "Could not connect to the URL's host.", e);
            }
            if (e instanceof InterruptedIOException) {
                return new UrlFetchException(Reason.UNREACHABLE, "The fetch of the URL was interrupted.", e);
            }
            return new UrlFetchException(Reason.UNREACHABLE, "The URL's host did not answer with valid HTTP.", e);
        }

        private UrlFetchException timeout() {
            return new UrlFetchException(Reason.TIMEOUT, "The URL could not be fetched within "
                    + seconds(settings.totalTimeout().toMillis()) + ".");
        }

        private UrlFetchException tooLarge() {
            return new UrlFetchException(Reason.TOO_LARGE, "The document at the URL is larger than "
                    + megabytes(settings.maxBytes()) + ".");
        }
    }

    private static ContentType contentType(HttpEntity entity) {
        if (entity == null || entity.getContentType() == null) {
            return null;
        }
        try {
            return ContentType.parseLenient(entity.getContentType());
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String megabytes(long bytes) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb >= 1 && mb == Math.rint(mb) ? (long) mb + " MB" : bytes + " bytes";
    }

    /** The client's own resolver: it must never be asked, since every target carries a vetted address. */
    private static final class RefusingDnsResolver implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException("names are resolved and vetted by SafeFetcher only: " + host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException("names are resolved and vetted by SafeFetcher only: " + host);
        }

        @Override
        public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
            throw new UnknownHostException("names are resolved and vetted by SafeFetcher only: " + host);
        }
    }
}
