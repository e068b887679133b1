package dev.qalam.deployment.content;

import com.openhtmltopdf.bidi.support.ICUBidiReorderer;
import com.openhtmltopdf.bidi.support.ICUBidiSplitter;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** Small real documents made in the tests: PDFs in English and Arabic, data: URLs of them. */
public final class TestContent {

    static final File FONT = new File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    private TestContent() {
    }

    /** A PDF with one page per entry, each line set in DejaVu Sans by PDFBox (Latin text). */
    public static byte[] englishPdf(List<List<String>> pages, PDRectangle size) {
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font = PDType0Font.load(doc, FONT);
            for (List<String> lines : pages) {
                PDPage page = new PDPage(size);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 14);
                    cs.newLineAtOffset(72, size.getHeight() - 72);
                    for (String line : lines) {
                        cs.showText(line);
                        cs.newLineAtOffset(0, -20);
                    }
                    cs.endText();
                }
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PDF made from HTML by openhtmltopdf, one page per entry: the way to get Arabic set right (shaped, in
     * reading order) into a PDF's text layer, as word processors do.
     */
    static byte[] htmlPdf(List<String> pageBodies, boolean rtl) {
        StringBuilder html = new StringBuilder("<html" + (rtl ? " dir=\"rtl\"" : "") + "><head><style>"
                + "@page { size: A4; margin: 2cm } body { font-family: 'DejaVu Sans'; font-size: 16pt }"
                + " .page + .page { page-break-before: always }</style></head><body>");
        for (String body : pageBodies) {
            html.append("<div class=\"page\">").append(body).append("</div>");
        }
        html.append("</body></html>");
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.withHtmlContent(html.toString(), null);
            b.useFont(FONT, "DejaVu Sans");
            b.useUnicodeBidiSplitter(new ICUBidiSplitter.ICUBidiSplitterFactory());
            b.useUnicodeBidiReorderer(new ICUBidiReorderer());
            b.toStream(out);
            b.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] encryptedPdf() {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(PDRectangle.A4));
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String dataUrl(String mediaType, byte[] bytes) {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }
}
