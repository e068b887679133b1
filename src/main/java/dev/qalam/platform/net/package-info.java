/**
 * Network addresses and fetching URLs on a user's behalf.
 *
 * <p><b>Fetching a URL a client named</b> (an attachment, a web page to read): use {@link
 * dev.qalam.platform.net.SafeFetcher}, never an HTTP client of your own. It is produced once for the application
 * ({@link dev.qalam.platform.net.SafeFetcherProducer}; inject {@code SafeFetcher}) and refuses with a {@link
 * dev.qalam.platform.net.UrlFetchException} (HTTP 400 through the usual mapper, a message the client can act
 * on) anything but a public http(s) URL of bounded size fetched in bounded time. Its javadoc explains how the
 * connected address is pinned against DNS rebinding. To limit one use to fewer bytes than {@code
 * QALAM_FETCH_MAX_MB}, build a fetcher with {@code settings().withMaxBytes(...)} rather than reading a large
 * body and cutting it.
 *
 * <p><b>Who is the client.</b> {@link dev.qalam.platform.net.TrustedProxies} reads {@code X-Forwarded-For}
 * only as far as the operator's trusted proxies ({@code QALAM_TRUSTED_PROXIES}) vouch for it: rate limits and
 * logs keyed by it cannot be steered by a client sending the header.
 *
 * <p>{@link dev.qalam.platform.net.IpLiterals} and {@link dev.qalam.platform.net.IpRange} read addresses and
 * CIDR blocks without DNS; {@link dev.qalam.platform.net.AddressPolicy} says which addresses are public.
 * Settings: docs/deployment-content.md.
 */
package dev.qalam.platform.net;
