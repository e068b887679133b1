package dev.qalam.platform.http;

import jakarta.ws.rs.core.EntityPart;
import java.net.URLDecoder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form part's field name and file name, read from its {@code Content-Disposition} header. The runtime's
 * own {@link EntityPart#getName()} returns the file name instead of the field name when the file name is
 * not ASCII (as browsers and Python's requests send it: raw UTF-8), which would lose an Arabic-named upload.
 * Payara's runtime hands over such a header decoded as ISO-8859-1, one character per byte: a name whose
 * characters are all bytes that form valid UTF-8 is read as the UTF-8 it was sent in.
 */
public final class MultipartNames {

    private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("(?:^|;)\\s*filename\\s*=\\s*(?:\"([^\"]*)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME_EXT = Pattern.compile("(?:^|;)\\s*filename\\*\\s*=\\s*([^']*)'[^']*'([^;\\s]+)", Pattern.CASE_INSENSITIVE);

    private MultipartNames() {
    }

    public static String name(EntityPart part) {
        String cd = disposition(part);
        String name = cd == null ? null : nameOf(cd);
        return name != null ? name : part.getName();
    }

    public static String fileName(EntityPart part) {
        String cd = disposition(part);
        String name = cd == null ? null : fileNameOf(cd);
        return name != null ? name : part.getFileName().orElse(null);
    }

    /** RFC 6266: {@code filename*} (percent-encoded, with a charset) wins over {@code filename}. */
    public static String fileNameOf(String disposition) {
        Matcher ext = FILENAME_EXT.matcher(disposition);
        if (ext.find()) {
            try {
                String charset = ext.group(1).isBlank() ? "UTF-8" : ext.group(1);
                return URLDecoder.decode(ext.group(2).replace("+", "%2B"), java.nio.charset.Charset.forName(charset));
            } catch (RuntimeException ignored) {
                // A malformed extended name: fall back to the plain one.
            }
        }
        Matcher m = FILENAME.matcher(disposition);
        if (m.find()) {
            return utf8(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return null;
    }

    public static String nameOf(String disposition) {
        Matcher m = NAME.matcher(disposition);
        return m.find() ? utf8(m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    /** Raw UTF-8 bytes that were decoded one character per byte, decoded again as UTF-8; anything else as is. */
    static String utf8(String s) {
        boolean high = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return s;
            }
            high |= c > 0x7F;
        }
        if (!high) {
            return s;
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return s;
        }
    }

    private static String disposition(EntityPart part) {
        return part.getHeaders() == null ? null : part.getHeaders().getFirst("Content-Disposition");
    }
}
