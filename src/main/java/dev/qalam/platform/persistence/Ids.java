package dev.qalam.platform.persistence;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers: unguessable, because an id is also what a client uses to reach a resource. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    /** {@code bytes} random bytes as lower-case hex (a 16-byte id is 32 characters). */
    public static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public static String prefixed(String prefix, int bytes) {
        return prefix + hex(bytes);
    }

    public static SecureRandom random() {
        return RANDOM;
    }
}
