package dev.qalam.deployment.content;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.PageSizeUnits;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.TextDirection;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.fontbox.ttf.NamingTable;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;
import org.jsoup.helper.W3CDom;

/**
 * Draws an HTML page as an image without a browser: openhtmltopdf lays the page out as a PDF page (CSS 2.1
 * with parts of CSS 3, no JavaScript), with ICU's bidirectional algorithm and Arabic shaping from its
 * rtl-support module, and PDFBox renders that page to pixels. The image is the top of the page, laid out
 * {@code htmlWidth} CSS pixels wide and at most {@code htmlMaxHeight} tall, with the blank space below
 * a short page cut off.
 *
 * <p><b>Nothing is fetched.</b> The renderer would load images, style sheets and fonts named by the page from
 * anywhere, the server's own network included; here only {@code data:} URLs inside the page are read and every
 * other resource is refused, so a page's image shows its own markup and inline styles. Scripts, frames and
 * embedded objects are dropped; a page is cut after {@code htmlMaxElements} elements or {@link #MAX_TEXT}
 * characters (the image shows the top of a page anyway), which bounds layout time and memory.
 *
 * <p>Fonts: the configured TrueType files (DejaVu Sans by default, which covers Arabic and Latin) are registered
 * under their own family names and as fallbacks, so Arabic text in a page that names a font this server lacks is
 * still drawn with real glyphs.
 */
final class HtmlRenderer {

    private static final Logger LOG = Logger.getLogger(HtmlRenderer.class.getName());
    /** openhtmltopdf reports every layout at INFO through java.util.logging; only its warnings matter here. */
    private static final Logger RENDERER_LOG = Logger.getLogger("com.openhtmltopdf");

    static {
        RENDERER_LOG.setLevel(Level.WARNING);
    }
    private static final String DROPPED = "script, noscript, template, iframe, frame, frameset, object, embed, svg, "
            + "math, canvas, video, audio, link, meta[http-equiv]";
    private static final Evaluator DROPPED_ELEMENTS = QueryParser.parse(DROPPED);

    /**
     * Text characters laid out at most: several times what fits in the image (a 1024 by 1600 pixel image holds
     * some 10,000 characters of body text), so that the image is full whatever the page's layout.
     */
    static final int MAX_TEXT = 40_000;

    private record Font(File file, String family, int weight, FontStyle style) {
    }

    private final ContentSettings settings;
    private final List<Font> fonts;
    /** Font metrics parsed once for the application rather than for every page (thread-safe). */
    private final FSDefaultCacheStore fontMetrics = new FSDefaultCacheStore();

    HtmlRenderer(ContentSettings settings) {
        this.settings = settings;
        this.fonts = new ArrayList<>();
        for (File f : settings.fonts()) {
            try {
                fonts.add(describe(f));
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "Ignoring the font " + f + ": not a readable TrueType font", e);
            }
        }
        if (fonts.isEmpty()) {
            LOG.warning("No TrueType font for rendering web pages: Arabic text in page images will be missing. "
                    + "Install Debian's fonts-dejavu-core or set " + ContentSettings.FONTS + ".");
        }
    }

    /**
     * The top of the page as a PNG.
     *
     * @throws dev.qalam.platform.errors.ApiException 400 {@code invalid_document} when the page cannot be laid out
     */
    byte[] png(Document page) {
        Document doc = forRendering(page, settings.htmlMaxElements(), MAX_TEXT);
        // A screenshot has no paper margins; the page's own @page rules, which come later, still win.
        doc.head().prependElement("style").text("@page { margin: 0 }");
        byte[] pdf;
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, fontMetrics);
            builder.withW3cDocument(W3CDom.convert(doc), doc.location());
            builder.useDefaultPageSize(settings.htmlWidth() / 96f, settings.htmlMaxHeight() / 96f, PageSizeUnits.INCHES);
            builder.defaultTextDirection(rtl(doc) ? TextDirection.RTL : TextDirection.LTR);
            builder.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
            builder.useUnicodeBidiReorderer(new ICUBidiReorderer());
            builder.useExternalResourceAccessControl((uri, type) -> isData(uri),
                    ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            builder.useExternalResourceAccessControl((uri, type) -> isData(uri),
                    ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            builder.useHttpStreamImplementation(HtmlRenderer::refuse);
            builder.useProtocolsStreamImplementation(HtmlRenderer::refuse, "file", "jar", "ftp", "http", "https");
            for (Font f : fonts) {
                builder.useFont(f.file(), f.family(), f.weight(), f.style(), true,
                        EnumSet.of(FSFontUseCase.DOCUMENT, FSFontUseCase.FALLBACK_PRE));
            }
            builder.toStream(out);
            builder.run();
            pdf = out.toByteArray();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "A web page could not be laid out", e);
            throw ContentErrors.invalidDocument("The web page could not be drawn as an image; ask for it without "
                    + "options.include_page_screenshot_as_image.");
        }
        try (PdfPages pages = PdfPages.open(pdf)) {
            int maxSide = Math.max(settings.htmlWidth(), settings.htmlMaxHeight());
            BufferedImage image = trimBottom(pages.image(1, 96, Math.min(maxSide, settings.maxImageSide())));
            return PdfPages.Png.encode(image);
        } catch (IOException e) {
            throw ContentErrors.invalidDocument("The web page could not be drawn as an image.");
        }
    }

    private static boolean isData(String uri) {
        return uri != null && uri.regionMatches(true, 0, "data:", 0, 5);
    }

    private static FSStream refuse(String url) {
        throw new IllegalStateException("page images never load external resources");
    }

    private static boolean rtl(Document doc) {
        for (Element e : new Element[] {doc.selectFirst("html"), doc.body()}) {
            if (e != null && "rtl".equalsIgnoreCase(e.attr("dir").strip())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A copy of the start of the page to draw: its nodes in document order up to {@code maxElements} elements and
     * {@code maxText} characters of text, without the {@link #DROPPED} elements. openhtmltopdf lays out every page
     * of a document though only the first is drawn, so a long article would cost seconds of layout for nothing.
     * The copy is built node by node and the walk stops at the limit: trimming a large jsoup tree in place costs
     * time in proportion to its size for every node removed.
     */
    static Document forRendering(Document page, int maxElements, int maxText) {
        Document copy = page.shallowClone();
        Map<Node, Element> mirror = new IdentityHashMap<>();
        mirror.put(page, copy);
        int[] elements = {0};
        long[] text = {0};
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node == page) {
                    return FilterResult.CONTINUE;
                }
                if (node instanceof Element e && e.is(DROPPED_ELEMENTS)) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (text[0] > maxText || (node instanceof Element && elements[0] >= maxElements)) {
                    return FilterResult.STOP;
                }
                Node clone = node.shallowClone();
                mirror.get(node.parent()).appendChild(clone);
                if (node instanceof Element e) {
                    mirror.put(node, (Element) clone);
                    elements[0]++;
                } else if (node instanceof TextNode t) {
                    text[0] += t.getWholeText().length();
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return FilterResult.CONTINUE;
            }
        }, page);
        return copy;
    }

    /** Cuts the white space below the last row that has anything drawn on it, keeping a small margin. */
    static BufferedImage trimBottom(BufferedImage image) {
        int w = image.getWidth();
        int last = 0;
        int[] row = new int[w];
        for (int y = image.getHeight() - 1; y >= 0 && last == 0; y--) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int px : row) {
                if ((px & 0xffffff) != 0xffffff) {
                    last = y;
                    break;
                }
            }
        }
        int height = Math.min(image.getHeight(), Math.max(64, last + 16));
        return height == image.getHeight() ? image : image.getSubimage(0, 0, w, height);
    }

    private static Font describe(File file) throws IOException {
        try (TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(file))) {
            NamingTable naming = ttf.getNaming();
            String family = naming != null && naming.getFontFamily() != null ? naming.getFontFamily()
                    : file.getName().replaceFirst("\\.[^.]*$", "");
            String sub = naming != null && naming.getFontSubFamily() != null
                    ? naming.getFontSubFamily().toLowerCase(Locale.ROOT) : "";
            int weight = sub.contains("bold") ? 700 : 400;
            FontStyle style = sub.contains("italic") || sub.contains("oblique") ? FontStyle.ITALIC : FontStyle.NORMAL;
            return new Font(file, family, weight, style);
        }
    }
}
