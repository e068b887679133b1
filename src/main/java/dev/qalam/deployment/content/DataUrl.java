package dev.qalam.deployment.content;

import dev.qalam.platform.errors.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code data:} URL (RFC 2397): {@code data:[<media type>][;charset=...][;base64],<data>}. The media type
 * defaults to {@code text/plain}; the data is base64 or percent-encoded. The decoded size is checked against
 * the limit before anything is decoded, so a client cannot make the server allocate more than it allows.
 *
 * @param mediaType lower case, without parameters
 * @param charset   the {@code charset} parameter, when present and known to the JVM
 * @param bytes     the decoded data
 */
public record DataUrl(String mediaType, Optional<Charset> charset, byte[] bytes) {

    public static final String CODE = "invalid_data_url";

    public static boolean isDataUrl(String url) {
        return url != null && url.regionMatches(true, 0, "data:", 0, 5);
    }

    /**
     * @throws ApiException 400 {@code invalid_data_url} when it is malformed, 400 {@code document_too_large} when
     *                      its data is larger than {@code maxBytes}
     */
    public static DataUrl parse(String url, long maxBytes) {
        if (!isDataUrl(url)) {
            throw invalid("The URL is not a data: URL.");
        }
        int comma = url.indexOf(',');
        if (comma < 0) {
            throw invalid("The data: URL has no comma before its data.");
        }
        String header = url.substring(5, comma);
        String data = url.substring(comma + 1);
        String[] params = header.split(";", -1);
        String mediaType = params[0].strip().toLowerCase(Locale.ROOT);
        boolean base64 = false;
        Optional<Charset> charset = Optional.empty();
        for (int i = 1; i < params.length; i++) {
            String p = params[i].strip();
            if (p.equalsIgnoreCase("base64") && i == params.length - 1) {
                base64 = true;
            } else if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                charset = charset(p.substring(8));
            }
        }
        if (mediaType.isEmpty()) {
            mediaType = "text/plain";
        } else if (!mediaType.matches("[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")) {
            throw invalid("The data: URL's media type \"" + abbreviate(params[0]) + "\" is not valid.");
        }
        byte[] bytes = base64 ? base64(data, maxBytes) : percent(data, maxBytes);
        return new DataUrl(mediaType, charset, bytes);
    }

    private static byte[] base64(String data, long maxBytes) {
        StringBuilder clean = new StringBuilder(data.length());
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '%' && i + 2 < data.length() && data.startsWith("3D", i + 1)) {
                clean.append('=');
                i += 2;
            } else if (!Character.isWhitespace(c)) {
                clean.append(c);
            }
        }
        if ((clean.length() / 4L) * 3 > maxBytes + 2) {
            throw ContentErrors.tooLarge(maxBytes);
        }
        try {
            byte[] bytes = clean.indexOf("-") >= 0 || clean.indexOf("_") >= 0
                    ? Base64.getUrlDecoder().decode(clean.toString())
                    : Base64.getDecoder().decode(clean.toString());
            if (bytes.length > maxBytes) {
                throw ContentErrors.tooLarge(maxBytes);
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw invalid("The data: URL's base64 data is not valid base64.");
        }
    }

    private static byte[] percent(String data, long maxBytes) {
        if (data.length() > maxBytes * 3) {
            throw ContentErrors.tooLarge(maxBytes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(data.length(), 64 * 1024));
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            if (c == '%') {
                if (i + 2 >= data.length() || Character.digit(data.charAt(i + 1), 16) < 0
                        || Character.digit(data.charAt(i + 2), 16) < 0) {
                    throw invalid("The data: URL has a '%' that is not followed by two hexadecimal digits.");
                }
                out.write(Character.digit(data.charAt(i + 1), 16) * 16 + Character.digit(data.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int cp = data.codePointAt(i);
                byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(utf8, 0, utf8.length);
                i += Character.charCount(cp) - 1;
            }
            if (out.size() > maxBytes) {
                throw ContentErrors.tooLarge(maxBytes);
            }
        }
        return out.toByteArray();
    }

    private static Optional<Charset> charset(String name) {
        String n = name.strip();
        if (n.length() > 1 && n.startsWith("\"") && n.endsWith("\"")) {
            n = n.substring(1, n.length() - 1);
        }
        try {
            return Optional.of(Charset.forName(n));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw invalid("The data: URL names the unknown charset \"" + abbreviate(n) + "\".");
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest(CODE, message);
    }

    @Override
    public String toString() {
        return "DataUrl[" + mediaType + ", " + bytes.length + " bytes]";
    }
}
