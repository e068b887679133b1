package dev.qalam.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Blobs as files under a folder of the data directory. Writes go to a temporary file first and are
 * moved into place, so a reader never sees half a blob. URLs point at {@link FilesResource}, signed by
 * {@link UrlSigner}.
 */
public class LocalBlobStore implements BlobStore {

    private final Path root;
    private final UrlSigner signer;

    public LocalBlobStore(Path root, UrlSigner signer) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.signer = signer;
        Files.createDirectories(this.root);
    }

    private Path path(String key) {
        Path p = root.resolve(BlobKeys.check(key)).normalize();
        // The key rule already keeps paths inside the root; this keeps it so if the rule ever loosens.
        if (!p.startsWith(root) || p.equals(root)) {
            throw new IllegalArgumentException("Invalid blob key: " + key);
        }
        return p;
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".upload", ".tmp");
        try {
            Files.write(tmp, bytes);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public long put(String key, InputStream in, String contentType, long maxBytes) throws IOException {
        Path target = path(key);
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), ".upload", ".tmp");
        try {
            long total = 0;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) != -1; ) {
                    total += n;
                    if (total > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    out.write(buf, 0, n);
                }
            }
            moveIntoPlace(tmp, target);
            return total;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public Optional<InputStream> open(String key) throws IOException {
        try {
            return Optional.of(Files.newInputStream(path(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(path(key));
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(path(key));
    }

    @Override
    public void deletePrefix(String prefix) throws IOException {
        Path dir = path(BlobKeys.checkPrefix(prefix));
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        } else {
            Files.deleteIfExists(dir);
        }
    }

    @Override
    public URI url(String key, Duration ttl, URI baseUri) {
        BlobKeys.check(key);
        long expires = Instant.now().plus(ttl).getEpochSecond();
        String base = baseUri.toString().endsWith("/") ? baseUri.toString() : baseUri + "/";
        return URI.create(base + "v1/files/" + key + "?expires=" + expires
                + "&sig=" + URLEncoder.encode(signer.sign(key, expires), StandardCharsets.UTF_8));
    }

    @Override
    public boolean isObjectStore() {
        return false;
    }
}
