package dev.qalam.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where uploads, page images and thumbnails live. Keys are slash-separated paths chosen by the feature
 * ({@code ocr/<jobId>/source.pdf}); each implementation passes {@code BlobStoreContract}.
 */
public interface BlobStore {

    /** Stores the bytes under {@code key}, replacing what was there; the write is atomic. */
    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** Stores a stream under {@code key}; at most {@code maxBytes} are accepted (else {@link BlobTooLargeException}). */
    long put(String key, InputStream in, String contentType, long maxBytes) throws IOException;

    /** The bytes of {@code key}, if stored. */
    Optional<InputStream> open(String key) throws IOException;

    default Optional<byte[]> read(String key) throws IOException {
        Optional<InputStream> in = open(key);
        if (in.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream s = in.get()) {
            return Optional.of(s.readAllBytes());
        }
    }

    boolean exists(String key) throws IOException;

    /** Deletes {@code key}; no error when absent. */
    void delete(String key) throws IOException;

    /** Deletes every key that starts with {@code prefix} (a job's whole folder). */
    void deletePrefix(String prefix) throws IOException;

    /**
     * A URL that lets anyone holding it read the blob until {@code ttl} passes: presigned by the object
     * store, or signed by this server. {@code baseUri} is the server's own base URI as the client sees it.
     */
    URI url(String key, Duration ttl, URI baseUri);

    /**
     * True for a real object store (S3): the API then returns URLs where it otherwise inlines data
     * (docs/api-contract.md).
     */
    boolean isObjectStore();

    class BlobTooLargeException extends IOException {
        public BlobTooLargeException(long maxBytes) {
            super("larger than " + maxBytes + " bytes");
        }
    }
}
