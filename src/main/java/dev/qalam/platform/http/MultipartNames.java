package dev.qalam.platform.http;

import jakarta.ws.rs.core.EntityPart;
import java.net.URLDecoder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A form part's field name and file name, read from its {@code Content-Disposition} header. The runtime's
 * own {@link EntityPart#getName()} returns the file name instead of the field name when the file name is
 * not ASCII (as browsers and Python's requests send it: raw UTF-8), which would lose an Arabic-named upload.
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
            return m.group(1) != null ? m.group(1) : m.group(2);
        }
        return null;
    }

    public static String nameOf(String disposition) {
        Matcher m = NAME.matcher(disposition);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    private static String disposition(EntityPart part) {
        return part.getHeaders() == null ? null : part.getHeaders().getFirst("Content-Disposition");
    }
}
