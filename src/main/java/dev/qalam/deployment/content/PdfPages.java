package dev.qalam.deployment.content;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * The one place where content parts read PDFs: page count, the text layer of a page, and a page rendered to
 * PNG. Deliberately small, so that it can be pointed at the shared {@code dev.qalam.document} package (which
 * adds OCR of scanned pages) without touching anything else here.
 *
 * <p>Text is stripped with {@code setSortByPosition(true)}: PDFBox's default order reverses Arabic lines. Pages
 * are rendered at the requested resolution, scaled down so that neither side passes {@code maxSide} pixels:
 * a PDF may declare a page of any size, and a bitmap of it must stay bounded.
 */
public final class PdfPages implements AutoCloseable {

    private final PDDocument document;
    private PDFRenderer renderer;

    private PdfPages(PDDocument document) {
        this.document = document;
    }

    /**
     * Opens a PDF held in memory.
     *
     * @throws dev.qalam.platform.errors.ApiException 400 {@code invalid_document} when it is not a readable PDF
     *                                                or needs a password
     */
    public static PdfPages open(byte[] pdf) {
        try {
            return new PdfPages(Loader.loadPDF(pdf));
        } catch (InvalidPasswordException e) {
            throw ContentErrors.invalidDocument("The attached PDF is protected by a password.");
        } catch (IOException | RuntimeException e) {
            throw ContentErrors.invalidDocument("The attachment is not a readable PDF.");
        }
    }

    public int count() {
        return document.getNumberOfPages();
    }

    /** The text layer of page {@code number} (from 1), without direction marks; empty for a scanned page. */
    public String text(int number) {
        try {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            stripper.setStartPage(number);
            stripper.setEndPage(number);
            return clean(stripper.getText(document));
        } catch (IOException | RuntimeException e) {
            throw ContentErrors.invalidDocument("Page " + number + " of the attached PDF could not be read.");
        }
    }

    /** Page {@code number} (from 1) as a PNG at {@code dpi}, or smaller so that no side passes {@code maxSide}. */
    public byte[] png(int number, int dpi, int maxSide) {
        try {
            return Png.encode(image(number, dpi, maxSide));
        } catch (IOException e) {
            throw ContentErrors.invalidDocument("Page " + number + " of the attached PDF could not be rendered.");
        }
    }

    /** Page {@code number} (from 1) rendered as {@link #png} renders it, before encoding. */
    BufferedImage image(int number, int dpi, int maxSide) {
        try {
            PDPage page = document.getPage(number - 1);
            PDRectangle box = page.getCropBox();
            float longest = Math.max(box.getWidth(), box.getHeight());
            float scale = Math.min(dpi / 72f, maxSide / Math.max(1f, longest));
            if (renderer == null) {
                renderer = new PDFRenderer(document);
            }
            return renderer.renderImage(number - 1, scale, ImageType.RGB);
        } catch (IOException | RuntimeException e) {
            throw ContentErrors.invalidDocument("Page " + number + " of the attached PDF could not be rendered.");
        }
    }

    /** Drops the bidirectional control characters that PDF text layers and OCR scatter through Arabic text. */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\u200e' && c != '\u200f' && (c < '\u202a' || c > '\u202e')) {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    @Override
    public void close() {
        try {
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PNG encoding of rendered pages. */
    static final class Png {
        private Png() {
        }

        static byte[] encode(BufferedImage image) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer");
            }
            return out.toByteArray();
        }
    }
}
