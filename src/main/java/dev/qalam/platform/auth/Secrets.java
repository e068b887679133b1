package dev.qalam.platform.auth;

import dev.qalam.platform.persistence.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API key secrets: 256 random bits, so a fast hash (SHA-256) is enough to keep them safe at rest;
 * a slow password hash would only add latency to every request.
 */
public final class Secrets {

    public static final String KEY_PREFIX = "qk_";

    private Secrets() {
    }

    public static String newKey() {
        byte[] b = new byte[32];
        Ids.random().nextBytes(b);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public static String sha256Hex(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares two secrets in time independent of where they differ. */
    public static boolean sameSecret(String a, String b) {
        return MessageDigest.isEqual(sha256Hex(a).getBytes(StandardCharsets.US_ASCII),
                sha256Hex(b).getBytes(StandardCharsets.US_ASCII));
    }
}
