package dev.qalam.deployment.content;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Limits and rendering of {@code url} content parts (docs/deployment-content.md); every one has a safe default.
 * Fetched URLs have the fetcher's own limits ({@code QALAM_FETCH_*}).
 *
 * @param maxBytes        the largest decoded {@code data:} URL ({@code QALAM_CONTENT_MAX_MB}, default 20)
 * @param maxPages        pages read from one attachment at most ({@code QALAM_CONTENT_MAX_PAGES}, default 100)
 * @param maxScreenshots  page images made for one attachment at most ({@code QALAM_CONTENT_MAX_SCREENSHOTS},
 *                        default 20)
 * @param screenshotDpi   resolution of PDF page images ({@code QALAM_CONTENT_SCREENSHOT_DPI}, default 110)
 * @param maxImageSide    the longest side of any page image in pixels, whatever the page size
 *                        ({@code QALAM_CONTENT_MAX_IMAGE_SIDE}, default 2000)
 * @param htmlWidth       the width web pages are laid out at, in CSS pixels ({@code QALAM_CONTENT_HTML_WIDTH},
 *                        default 1024)
 * @param htmlMaxHeight   the height of a web page's image at most, in CSS pixels; the rest of a longer page is
 *                        not drawn ({@code QALAM_CONTENT_HTML_MAX_HEIGHT}, default 1600)
 * @param htmlMaxElements elements of a web page laid out for its image at most; its text is read whole
 *                        ({@code QALAM_CONTENT_HTML_MAX_ELEMENTS}, default 5000)
 * @param fonts           TrueType fonts for rendering web pages ({@code QALAM_CONTENT_FONTS}, comma-separated
 *                        files; default DejaVu Sans from Debian's fonts-dejavu-core, which has Arabic)
 */
public record ContentSettings(long maxBytes, int maxPages, int maxScreenshots, int screenshotDpi, int maxImageSide,
                              int htmlWidth, int htmlMaxHeight, int htmlMaxElements, List<File> fonts) {

    public static final String MAX_MB = "QALAM_CONTENT_MAX_MB";
    public static final String MAX_PAGES = "QALAM_CONTENT_MAX_PAGES";
    public static final String MAX_SCREENSHOTS = "QALAM_CONTENT_MAX_SCREENSHOTS";
    public static final String SCREENSHOT_DPI = "QALAM_CONTENT_SCREENSHOT_DPI";
    public static final String MAX_IMAGE_SIDE = "QALAM_CONTENT_MAX_IMAGE_SIDE";
    public static final String HTML_WIDTH = "QALAM_CONTENT_HTML_WIDTH";
    public static final String HTML_MAX_HEIGHT = "QALAM_CONTENT_HTML_MAX_HEIGHT";
    public static final String HTML_MAX_ELEMENTS = "QALAM_CONTENT_HTML_MAX_ELEMENTS";
    public static final String FONTS = "QALAM_CONTENT_FONTS";

    /** Debian's fonts-dejavu-core, which the project's set-up installs; it covers Arabic and Latin. */
    static final List<String> DEFAULT_FONTS = List.of(
            "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
            "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

    public ContentSettings {
        if (maxBytes < 1 || maxPages < 1 || maxScreenshots < 0 || screenshotDpi < 10 || maxImageSide < 16
                || htmlWidth < 100 || htmlMaxHeight < 100 || htmlMaxElements < 1) {
            throw new IllegalArgumentException("content limits out of range: see " + MAX_MB + " and the other "
                    + "QALAM_CONTENT_* settings");
        }
        fonts = List.copyOf(fonts);
    }

    public static ContentSettings defaults() {
        return from(name -> Optional.empty());
    }

    /** The settings that {@code lookup} (a config property by name, blank counting as absent) describes. */
    public static ContentSettings from(Function<String, Optional<String>> lookup) {
        Function<String, Optional<String>> get = name -> lookup.apply(name).map(String::strip).filter(s -> !s.isEmpty());
        List<File> fonts = new ArrayList<>();
        Optional<String> configured = get.apply(FONTS);
        for (String path : configured.map(s -> List.of(s.split(","))).orElse(DEFAULT_FONTS)) {
            File f = new File(path.strip());
            if (f.isFile()) {
                fonts.add(f);
            } else if (configured.isPresent()) {
                throw new IllegalArgumentException(FONTS + " names a file that does not exist: " + path.strip());
            }
        }
        return new ContentSettings((long) (number(get, MAX_MB, 20) * 1024 * 1024),
                (int) number(get, MAX_PAGES, 100),
                (int) number(get, MAX_SCREENSHOTS, 20),
                (int) number(get, SCREENSHOT_DPI, 110),
                (int) number(get, MAX_IMAGE_SIDE, 2000),
                (int) number(get, HTML_WIDTH, 1024),
                (int) number(get, HTML_MAX_HEIGHT, 1600),
                (int) number(get, HTML_MAX_ELEMENTS, 5000),
                fonts);
    }

    private static double number(Function<String, Optional<String>> get, String name, double fallback) {
        Optional<String> v = get.apply(name);
        try {
            return v.map(Double::parseDouble).orElse(fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + v.get());
        }
    }
}
