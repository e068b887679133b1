package dev.qalam.deployment.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.net.FetchSettings;
import dev.qalam.platform.net.SafeFetcher;
import dev.qalam.platform.net.UrlFetchException;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * url content parts end to end with real documents made here: PDFs in Arabic and English, HTML pages, text, as
 * data: URLs and over HTTP from a local server (reached through the fetcher's test-only allow-list).
 */
class UrlContentReaderTest {

    static String origin;

    static final List<String> ARABIC_PAGES = List.of(
            "<h1>التقرير السنوي</h1><p>ارتفعت الإيرادات بنسبة ١٢٪ في عام ٢٠٢٤.</p>",
            "<p>الصفحة الثانية: توسعت الشركة في الرياض وجدة.</p>",
            "<p>الصفحة الثالثة: الخلاصة والتوصيات.</p>");
    static final byte[] ARABIC_PDF = TestContent.htmlPdf(ARABIC_PAGES, true);
    static final byte[] ENGLISH_PDF = TestContent.englishPdf(List.of(List.of("Quarterly report", "Revenue grew 12%."),
            List.of("Page two: expansion"), List.of("Page three: conclusions"), List.of("Page four: appendix")),
            PDRectangle.A4);
    static final String PAGE = """
            <html><head><title>Quarterly report</title></head><body>
            <h1>Quarterly report</h1><p>Revenue grew by 12% this quarter.</p>
            <p dir="rtl">ارتفعت الإيرادات بنسبة ١٢٪</p></body></html>""";

    static HttpServer server;
    static SafeFetcher fetcher;
    static UrlContentReader reader;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
        Map<String, Object[]> files = Map.of(
                "/reports/annual%20report.pdf", new Object[] {"application/pdf", ARABIC_PDF},
                "/download", new Object[] {"application/octet-stream", ENGLISH_PDF},
                "/page.html", new Object[] {"text/html; charset=utf-8", PAGE.getBytes(StandardCharsets.UTF_8)},
                "/notes.md", new Object[] {"text/markdown", "# Notes\nملاحظات".getBytes(StandardCharsets.UTF_8)},
                "/logo.png", new Object[] {"image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}});
        server.createContext("/", ex -> {
            try (ex) {
                Object[] f = files.get(ex.getRequestURI().getRawPath());
                if (f == null) {
                    ex.sendResponseHeaders(404, -1);
                    return;
                }
                byte[] body = (byte[]) f[1];
                ex.getResponseHeaders().add("Content-Type", (String) f[0]);
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
        int port = server.getAddress().getPort();
        origin = "http://127.0.0.1:" + port;
        fetcher = new SafeFetcher(FetchSettings.defaults().withAllowHosts(Set.of("127.0.0.1:" + port)));
        reader = new UrlContentReader(ContentSettings.defaults(), fetcher);
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        fetcher.close();
    }

    static UrlPart part(String url, String pages, boolean screenshots) {
        return new UrlPart(url, Optional.empty(), Optional.ofNullable(pages).map(PageSelection::parse), screenshots);
    }

    static BufferedImage image(byte[] png) {
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static ApiException refused(UrlContentReader r, UrlPart part) {
        ApiException e = assertThrows(ApiException.class, () -> r.read(part), part.toString());
        assertEquals(400, e.status(), e.getMessage());
        return e;
    }

    @Test
    void arabicPdfAsDataUrlWithSelectedPages() {
        Attachment a = reader.read(new UrlPart(TestContent.dataUrl("application/pdf", ARABIC_PDF),
                Optional.of("التقرير"), Optional.of(PageSelection.parse("1,3")), false));
        assertEquals(Attachment.Kind.PDF, a.kind());
        assertEquals(3, a.pageCount());
        assertEquals("data:application/pdf", a.source());
        assertEquals(List.of(1, 3), a.pages().stream().map(AttachmentPage::pageNumber).toList());
        assertEquals("التقرير السنوي\nارتفعت الإيرادات بنسبة ١٢٪ في عام ٢٠٢٤.", a.pages().get(0).text());
        assertEquals("الصفحة الثالثة: الخلاصة والتوصيات.", a.pages().get(1).text());
        assertEquals("التقرير", a.pages().get(1).name());
        assertTrue(a.pages().get(0).image().isEmpty());
    }

    @Test
    void pdfPageScreenshotsAreBoundedImages() {
        Attachment a = reader.read(part(TestContent.dataUrl("application/pdf", ENGLISH_PDF), "2-3", true));
        assertEquals(List.of("Page two: expansion", "Page three: conclusions"),
                a.pages().stream().map(AttachmentPage::text).toList());
        BufferedImage img = image(a.pages().get(0).image().orElseThrow());
        // A4 at 110 dpi.
        assertEquals(909, img.getWidth());
        assertEquals(1286, img.getHeight());
        assertEquals("document.pdf", a.name());

        // A page of 5 m by 5 m would be a 21,654-pixel square at 110 dpi: it is scaled to the bound.
        byte[] huge = TestContent.englishPdf(List.of(List.of("big")), new PDRectangle(14_400, 14_400));
        BufferedImage big = image(reader.read(part(TestContent.dataUrl("application/pdf", huge), null, true))
                .pages().get(0).image().orElseThrow());
        assertEquals(2000, big.getWidth());
        assertEquals(2000, big.getHeight());
    }

    @Test
    void selectionsOutOfRangeAndTooManyPages() {
        String pdf = TestContent.dataUrl("application/pdf", ENGLISH_PDF);
        assertEquals("'options.select_pages' selects page 9, but the document has 4 pages.",
                refused(reader, part(pdf, "1-2,9", false)).getMessage());
        UrlContentReader small = new UrlContentReader(new ContentSettings(1 << 20, 3, 1, 110, 2000, 1024, 1600, 5000,
                List.of()), fetcher);
        ApiException e = refused(small, part(pdf, null, false));
        assertEquals("document_too_large", e.code());
        assertEquals("The attached document has 4 pages; at most 3 can be read at once. Choose some with "
                + "options.select_pages, such as \"1-3\".", e.getMessage());
        assertEquals(3, small.read(part(pdf, "2-4", false)).pages().size());
        assertTrue(refused(small, part(pdf, "1-2", true)).getMessage().startsWith("2 page screenshots"));
        assertEquals(1, small.read(part(pdf, "4", true)).pages().size());
    }

    @Test
    void htmlAsDataUrlGivesTextAndAnImage() {
        Attachment a = reader.read(part(TestContent.dataUrl("text/html", PAGE.getBytes(StandardCharsets.UTF_8)),
                null, true));
        assertEquals(Attachment.Kind.HTML, a.kind());
        assertEquals("Quarterly report", a.name());
        assertEquals(1, a.pageCount());
        AttachmentPage p = a.pages().get(0);
        assertEquals("Quarterly report\nRevenue grew by 12% this quarter.\nارتفعت الإيرادات بنسبة ١٢٪", p.text());
        BufferedImage img = image(p.image().orElseThrow());
        assertEquals(1024, img.getWidth());
        assertTrue(img.getHeight() >= 64 && img.getHeight() < 600, "trimmed below the text: " + img.getHeight());
        // The Deployment API's documented example: "Hello World" as base64 HTML (docs/deployment-content.md).
        Attachment hello = reader.read(new UrlPart("data:text/html;base64,SGVsbG8gV29ybGQ=", Optional.of("Example Page"),
                Optional.empty(), true));
        assertEquals("Hello World", hello.pages().get(0).text());
        assertEquals("Example Page", hello.name());
        assertTrue(hello.pages().get(0).image().isPresent());
        assertEquals("'options.select_pages' selects page 2, but the document has 1 page.",
                refused(reader, part("data:text/html,<p>x</p>", "2", false)).getMessage());
    }

    @Test
    void textAndMarkdown() {
        Attachment a = reader.read(part("data:text/markdown;base64,"
                + java.util.Base64.getEncoder().encodeToString("\ufeff# عنوان\n\nBody text.".getBytes(StandardCharsets.UTF_8)),
                "1", true));
        assertEquals(Attachment.Kind.TEXT, a.kind());
        assertEquals("# عنوان\n\nBody text.", a.pages().get(0).text());
        assertTrue(a.pages().get(0).image().isEmpty(), "text has no picture of its own");
        assertEquals("document.md", a.name());
        assertEquals("hello", reader.read(part("data:,hello", null, false)).pages().get(0).text());
        assertEquals("caf\u00e9", reader.read(part("data:text/plain;charset=ISO-8859-1;base64,Y2Fm6Q==", null, false))
                .pages().get(0).text());
    }

    @Test
    void documentsOverHttp() {
        Attachment pdf = reader.read(part(origin + "/reports/annual%20report.pdf", "2", false));
        assertEquals("annual report.pdf", pdf.name());
        assertEquals(origin + "/reports/annual%20report.pdf", pdf.source());
        assertEquals("الصفحة الثانية: توسعت الشركة في الرياض وجدة.", pdf.pages().get(0).text());

        // Served as octet-stream: recognised by its %PDF- signature.
        Attachment sniffed = reader.read(part(origin + "/download", "1", false));
        assertEquals(Attachment.Kind.PDF, sniffed.kind());
        assertEquals("download", sniffed.name());

        Attachment page = reader.read(part(origin + "/page.html", null, false));
        assertEquals("Quarterly report", page.name());
        assertTrue(page.pages().get(0).text().contains("ارتفعت الإيرادات"));

        assertEquals("# Notes\nملاحظات", reader.read(part(origin + "/notes.md", null, false)).pages().get(0).text());
    }

    @Test
    void refusals() {
        assertEquals("unsupported_content_type", refused(reader, part(origin + "/logo.png", null, false)).code());
        assertEquals("unsupported_content_type",
                refused(reader, part("data:image/png;base64,iVBORw0KGgo=", null, false)).code());
        assertEquals("url_http_error", refused(reader, part(origin + "/missing.pdf", null, false)).code());
        assertEquals("invalid_document", refused(reader, part(TestContent.dataUrl("application/pdf",
                "%PDF-1.7 not really".getBytes(StandardCharsets.US_ASCII)), null, false)).code());
        assertEquals("The attached PDF is protected by a password.", refused(reader, part(TestContent.dataUrl(
                "application/pdf", TestContent.encryptedPdf()), null, false)).getMessage());
        // Without the allow-list, the same local server is out of reach.
        try (SafeFetcher strict = new SafeFetcher(FetchSettings.defaults())) {
            UrlContentReader r = new UrlContentReader(ContentSettings.defaults(), strict);
            ApiException e = refused(r, part(origin + "/page.html", null, false));
            assertTrue(e instanceof UrlFetchException);
            assertEquals("url_not_allowed", e.code());
            assertEquals("invalid_url", refused(r, part("file:///etc/passwd", null, false)).code());
        }
        UrlContentReader tiny = new UrlContentReader(new ContentSettings(100, 100, 20, 110, 2000, 1024, 1600, 5000,
                List.of()), fetcher);
        assertEquals("document_too_large",
                refused(tiny, part(TestContent.dataUrl("application/pdf", ENGLISH_PDF), null, false)).code());
    }
}
