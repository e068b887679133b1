package dev.qalam.platform.net;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.Optional;

/**
 * What a URL answered with.
 *
 * @param uri       the URL the body came from, after redirects
 * @param mediaType the {@code Content-Type} without parameters, lower case; empty when the server sent none
 * @param charset   the {@code charset} parameter, when present and known to the JVM
 * @param body      the whole body, never larger than the fetcher's limit
 */
public record FetchedResource(URI uri, String mediaType, Optional<Charset> charset, byte[] body) {
}
