package dev.qalam.search.filter;

import java.nio.charset.StandardCharsets;

/**
 * Where a file property is indexed, the same names in Lucene and OpenSearch: property {@code key} becomes
 * {@code meta.<key>.kw} (normalised keywords, every value), {@code meta.<key>.num} (numbers and numeric
 * strings) and {@code meta.<key>.date} (ISO dates as epoch milliseconds). The key is percent-encoded
 * except letters, digits, {@code _} and {@code -}, so no key can inject a path separator ({@code .}) or a
 * wildcard into an OpenSearch field name, and two different keys never share a field.
 */
public final class PropertyFields {

    public static final String PREFIX = "meta.";

    private PropertyFields() {
    }

    public static String keyword(String key) {
        return PREFIX + encode(key) + ".kw";
    }

    public static String number(String key) {
        return PREFIX + encode(key) + ".num";
    }

    public static String date(String key) {
        return PREFIX + encode(key) + ".date";
    }

    static String encode(String key) {
        StringBuilder sb = new StringBuilder(key.length() + 8);
        key.codePoints().forEach(cp -> {
            if (Character.isLetterOrDigit(cp) || cp == '_' || cp == '-') {
                sb.appendCodePoint(cp);
            } else {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    sb.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        });
        return sb.toString();
    }
}
