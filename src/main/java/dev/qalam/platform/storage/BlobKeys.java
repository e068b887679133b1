package dev.qalam.platform.storage;

import java.util.regex.Pattern;

/**
 * The one rule for blob keys, shared by every store and by {@link FilesResource}: slash-separated
 * segments of letters, digits, {@code .}, {@code _} and {@code -}; no empty, {@code .} or {@code ..}
 * segment, no leading slash. The same key must mean the same blob in a folder and in a bucket, so
 * anything a file system would normalise away ({@code a/./b}, {@code a//b}) is refused rather than
 * silently aliased.
 */
final class BlobKeys {

    /** S3's own limit on a key, in bytes; local keys follow it so a deployment can switch stores. */
    static final int MAX_LENGTH = 1024;

    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private BlobKeys() {
    }

    /** Throws {@link IllegalArgumentException} unless {@code key} is a valid blob key. */
    static String check(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH || !SAFE_KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Invalid blob key: " + key);
        }
        for (String segment : key.split("/")) {
            if (segment.equals(".") || segment.contains("..")) {
                throw new IllegalArgumentException("Invalid blob key: " + key);
            }
        }
        return key;
    }

    /** A prefix as {@link BlobStore#deletePrefix} takes it: a key, optionally followed by one slash. */
    static String checkPrefix(String prefix) {
        if (prefix != null && prefix.endsWith("/")) {
            return check(prefix.substring(0, prefix.length() - 1));
        }
        return check(prefix);
    }
}
