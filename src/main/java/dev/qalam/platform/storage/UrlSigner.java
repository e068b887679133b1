package dev.qalam.platform.storage;

import dev.qalam.platform.config.DataDirectory;
import dev.qalam.platform.persistence.Ids;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures over a blob key and an expiry, for the local blob store's download URLs.
 * The secret is generated once and kept in the data directory, so URLs stay valid across restarts.
 */
@ApplicationScoped
public class UrlSigner {

    @Inject
    DataDirectory dataDirectory;

    private byte[] secret;

    @PostConstruct
    void init() {
        secret = loadOrCreate(dataDirectory.folder("secrets").resolve("url-signing.key"));
    }

    /** For tests and tools that sign without a container. */
    public static UrlSigner withSecret(byte[] secret) {
        UrlSigner s = new UrlSigner();
        s.secret = secret.clone();
        return s;
    }

    public String sign(String key, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] sig = mac.doFinal((key + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the signature is right and {@code nowEpochSecond} is not past the expiry. */
    public boolean verify(String key, long expiresEpochSecond, String signature, long nowEpochSecond) {
        return nowEpochSecond <= expiresEpochSecond && matches(key, expiresEpochSecond, signature);
    }

    /**
     * True when {@code signature} is this server's for the key and expiry, expired or not: a caller that
     * answers "expired" (410) must first know the URL is genuine, or anyone could probe with made-up URLs.
     */
    public boolean matches(String key, long expiresEpochSecond, String signature) {
        if (key == null || signature == null) {
            return false;
        }
        return MessageDigest.isEqual(sign(key, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).strip());
            }
            byte[] b = new byte[32];
            Ids.random().nextBytes(b);
            Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp");
            Files.writeString(tmp, Base64.getEncoder().encodeToString(b), StandardOpenOption.TRUNCATE_EXISTING);
            try {
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                Files.deleteIfExists(tmp);
            }
            return Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
