package dev.qalam.ocr;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Documents the OCR tests make for themselves: text rendered by Java2D (which shapes Arabic and lays out
 * right-to-left lines properly) into a 300 dpi page image, as a scanner would deliver it, and PDFs built by
 * PDFBox around such images (scanned) or with real text (born-digital).
 */
public final class TestDocuments {

    public static final List<String> ENGLISH = List.of(
            "The quick brown fox jumps over the lazy dog.",
            "Invoices are payable within thirty days of receipt.",
            "Please keep this document for your records.");

    public static final List<String> ARABIC = List.of(
            "بسم الله الرحمن الرحيم",
            "مرحبا بكم في مدينة الرياض",
            "هذا النص مكتوب باللغة العربية",
            "نشكركم على حسن التعاون");

    private static final int DPI = 300;

    private TestDocuments() {
    }

    /** The font with Arabic glyphs that Debian's fonts-dejavu-core installs. */
    public static Font font(float sizePt) {
        File f = new File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
        try {
            Font base = f.isFile() ? Font.createFont(Font.TRUETYPE_FONT, f) : new Font(Font.SANS_SERIF, Font.PLAIN, 12);
            return base.deriveFont(sizePt * DPI / 72f);
        } catch (Exception e) {
            throw new IllegalStateException("No usable font", e);
        }
    }

    /** A white page with the lines in black, at 300 dpi; right-aligned when {@code rtl}. */
    public static BufferedImage page(List<String> lines, boolean rtl, double skewDegrees) {
        Font font = font(14);
        int lineHeight = Math.round(font.getSize2D() * 1.8f);
        int height = lineHeight * (lines.size() + 2);
        // As wide and tall as the lines need: small pages keep OCR in the tests fast.
        int width = widest(font, lines) + 200;
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = pen(img, skewDegrees);
        FontRenderContext frc = g.getFontRenderContext();
        int y = lineHeight + lineHeight / 2;
        for (String line : lines) {
            TextLayout layout = new TextLayout(line, font, frc);
            float x = rtl ? (float) (width - 100 - layout.getAdvance()) : 100f;
            layout.draw(g, x, y);
            y += lineHeight;
        }
        g.dispose();
        return img;
    }

    /** An Arabic price table (item, quantity, price), numbers in Arabic-Indic digits, header first. */
    public static final List<List<String>> ARABIC_TABLE = List.of(
            List.of("الصنف", "الكمية", "السعر"),
            List.of("أرز بسمتي", "٥", "١٢٠"),
            List.of("زيت زيتون", "٢", "٨٥"),
            List.of("سكر أبيض", "١٠", "٤٥"),
            List.of("شاي أخضر", "٣", "٣٠"));

    /** The same table in English with Latin digits. */
    public static final List<List<String>> ENGLISH_TABLE = List.of(
            List.of("Item", "Quantity", "Price"),
            List.of("Basmati rice", "5", "120"),
            List.of("Olive oil", "2", "85"),
            List.of("White sugar", "10", "45"),
            List.of("Green tea", "3", "30"));

    /** A table's text in reading order, as the OCR answer gives it: a row a line, cells separated by " | ". */
    public static String tableText(List<List<String>> rows) {
        return String.join("\n", rows.stream().map(r -> String.join(" | ", r)).toList());
    }

    /**
     * A scan of a ruled table at {@code dpi}: a line of text above it, then the grid (cells in reading order,
     * drawn right to left when {@code rtl}), 12 pt DejaVu Sans, rules about half a point thick.
     */
    public static BufferedImage table(String title, List<List<String>> rows, boolean rtl, int dpi, double skewDegrees) {
        Font font = fontAt(12, dpi);
        int[] colW = {(int) (2.2 * dpi), dpi, dpi};
        int rowH = (int) (0.4 * dpi);
        int w = (int) (5.4 * dpi);
        int h = (int) (1.4 * dpi) + rowH * rows.size();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = pen(img, skewDegrees);
        FontRenderContext frc = g.getFontRenderContext();
        int margin = dpi / 2;
        TextLayout head = new TextLayout(title, font, frc);
        head.draw(g, rtl ? (float) (w - margin - head.getAdvance()) : margin, margin);
        int top = margin + dpi / 3;
        int tw = colW[0] + colW[1] + colW[2];
        int left = rtl ? w - margin - tw : margin;
        g.setStroke(new java.awt.BasicStroke(Math.max(1.5f, dpi / 144f)));
        for (int r = 0; r <= rows.size(); r++) {
            g.drawLine(left, top + r * rowH, left + tw, top + r * rowH);
        }
        int x = left;
        g.drawLine(x, top, x, top + rows.size() * rowH);
        for (int c = 0; c < 3; c++) {
            x += colW[rtl ? 2 - c : c];
            g.drawLine(x, top, x, top + rows.size() * rowH);
        }
        for (int r = 0; r < rows.size(); r++) {
            int cx = rtl ? left + tw : left;
            for (int c = 0; c < 3; c++) {
                TextLayout tl = new TextLayout(rows.get(r).get(c), font, frc);
                float tx = rtl ? (float) (cx - dpi / 10 - tl.getAdvance()) : cx + dpi / 10f;
                tl.draw(g, tx, top + r * rowH + rowH * 0.68f);
                cx += rtl ? -colW[c] : colW[c];
            }
        }
        g.dispose();
        return img;
    }

    /**
     * Two columns of Arabic text (right column first in reading order) or English (left first), as a
     * scan at {@code dpi}.
     */
    public static BufferedImage twoColumns(List<String> first, List<String> second, boolean rtl, int dpi) {
        Font font = fontAt(12, dpi);
        int widest = Math.max(widest(font, first), widest(font, second));
        // Columns as wide as their longest line, the lines set flush to both sides of the column as a
        // justified column would be at its edges.
        int colW = widest + dpi / 10;
        int gap = dpi / 3;
        int margin = dpi / 2;
        int lineH = Math.round(font.getSize2D() * 1.8f);
        int w = 2 * margin + 2 * colW + gap;
        int h = 2 * margin + lineH * Math.max(first.size(), second.size());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = pen(img, 0);
        FontRenderContext frc = g.getFontRenderContext();
        for (int col = 0; col < 2; col++) {
            List<String> lines = col == 0 ? first : second;
            // The first column in reading order is on the right in Arabic.
            int colLeft = (col == 0) == rtl ? margin + colW + gap : margin;
            int y = margin + lineH;
            for (String line : lines) {
                TextLayout tl = new TextLayout(line, font, frc);
                tl.draw(g, rtl ? (float) (colLeft + colW - tl.getAdvance()) : colLeft, y);
                y += lineH;
            }
        }
        g.dispose();
        return img;
    }

    /** Salt-and-pepper specks on a share of the pixels, as a dusty scanner leaves them. */
    public static BufferedImage noisy(BufferedImage img, double share, long seed) {
        java.util.Random random = new java.util.Random(seed);
        int n = (int) (img.getWidth() * (long) img.getHeight() * share);
        for (int i = 0; i < n; i++) {
            img.setRGB(random.nextInt(img.getWidth()), random.nextInt(img.getHeight()), random.nextBoolean() ? 0 : 0xFFFFFF);
        }
        return img;
    }

    /** The image through a JPEG of the given quality (0..1) and back: its blocks and ringing. */
    public static BufferedImage jpegged(BufferedImage img, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            javax.imageio.ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(out.toByteArray()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A white page to draw black anti-aliased text on, turned by {@code skewDegrees} about its centre. */
    private static Graphics2D pen(BufferedImage img, double skewDegrees) {
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (skewDegrees != 0) {
            g.rotate(Math.toRadians(skewDegrees), img.getWidth() / 2.0, img.getHeight() / 2.0);
        }
        g.setColor(Color.BLACK);
        return g;
    }

    private static int widest(Font font, List<String> lines) {
        FontRenderContext measure = new FontRenderContext(null, true, true);
        int widest = 0;
        for (String line : lines) {
            widest = Math.max(widest, (int) Math.ceil(new TextLayout(line, font, measure).getAdvance()));
        }
        return widest;
    }

    private static Font fontAt(float sizePt, int dpi) {
        return font(sizePt).deriveFont(sizePt * dpi / 72f);
    }

    public static byte[] png(BufferedImage img) {
        return encode(img, "png");
    }

    public static byte[] jpeg(BufferedImage img) {
        return encode(img, "jpeg");
    }

    public static byte[] tiff(BufferedImage img) {
        return encode(img, "tiff");
    }

    private static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A multi-page TIFF, one frame per image (as scanners and fax software write them). */
    public static byte[] multiPageTiff(BufferedImage... frames) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.prepareWriteSequence(null);
            for (BufferedImage f : frames) {
                writer.writeToSequence(new IIOImage(f, null, null), null);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A valid PNG of {@code width} x {@code height} pixels, 16-bit RGBA (8 bytes a pixel), all transparent
     * black: deflate shrinks its 8 bytes x pixels of zeros about a thousandfold, so 10000 x 10000 (763 MB
     * decoded) is a 0.78 MB file. The decompression bomb of the hardening issue.
     */
    public static byte[] pngBomb(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
            ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 16).put((byte) 6)
                    .put((byte) 0).put((byte) 0).put((byte) 0);
            chunk(out, "IHDR", ihdr.array());
            ByteArrayOutputStream idat = new ByteArrayOutputStream();
            Deflater deflater = new Deflater(9);
            try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
                byte[] row = new byte[1 + width * 8];
                for (int y = 0; y < height; y++) {
                    z.write(row);
                }
            } finally {
                deflater.end();
            }
            chunk(out, "IDAT", idat.toByteArray());
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A PDF of one empty page whose MediaBox is {@code points} a side (PDF's own limit is 14,400). */
    public static byte[] hugePagePdf(float points) {
        try (PDDocument doc = new PDDocument()) {
            doc.addPage(new PDPage(new PDRectangle(points, points)));
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF whose pages are the given scans, each sized as a 300 dpi image. */
    public static byte[] scannedPdf(BufferedImage... pages) {
        try (PDDocument doc = new PDDocument()) {
            for (BufferedImage img : pages) {
                PDRectangle size = new PDRectangle(img.getWidth() * 72f / DPI, img.getHeight() * 72f / DPI);
                PDPage page = new PDPage(size);
                doc.addPage(page);
                PDImageXObject x = LosslessFactory.createFromImage(doc, img);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(x, 0, 0, size.getWidth(), size.getHeight());
                }
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A scanned PDF of {@code pages} copies of one page, the image stored once: a long job in a small file. */
    public static byte[] scannedPdf(BufferedImage img, int pages) {
        try (PDDocument doc = new PDDocument()) {
            PDImageXObject x = LosslessFactory.createFromImage(doc, img);
            PDRectangle size = new PDRectangle(img.getWidth() * 72f / DPI, img.getHeight() * 72f / DPI);
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(size);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(x, 0, 0, size.getWidth(), size.getHeight());
                }
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A born-digital PDF: one page per entry, each a list of lines set in DejaVu Sans (English text). */
    public static byte[] bornDigitalPdf(List<List<String>> pages) {
        try (PDDocument doc = new PDDocument()) {
            addTextPages(doc, pages);
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A born-digital English page followed by a scanned Arabic page. */
    public static byte[] mixedPdf() {
        try (PDDocument doc = new PDDocument()) {
            addTextPages(doc, List.of(ENGLISH));
            BufferedImage img = page(ARABIC, true, 0);
            PDRectangle size = new PDRectangle(img.getWidth() * 72f / DPI, img.getHeight() * 72f / DPI);
            PDPage page = new PDPage(size);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(LosslessFactory.createFromImage(doc, img), 0, 0, size.getWidth(), size.getHeight());
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code pages} empty pages: a small file with a large page count. */
    public static byte[] blankPdf(int pages) {
        try (PDDocument doc = new PDDocument()) {
            for (int i = 0; i < pages; i++) {
                doc.addPage(new PDPage(PDRectangle.A6));
            }
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF that needs a password to open. */
    public static byte[] encryptedPdf() {
        try (PDDocument doc = new PDDocument()) {
            addTextPages(doc, List.of(ENGLISH));
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "user-secret", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            return save(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addTextPages(PDDocument doc, List<List<String>> pages) throws IOException {
        PDType0Font font = PDType0Font.load(doc, new File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
        for (List<String> lines : pages) {
            PDPage page = new PDPage(PDRectangle.A6);
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(font, 9);
                cs.newLineAtOffset(20, page.getMediaBox().getHeight() - 40);
                for (String line : lines) {
                    cs.showText(line);
                    cs.newLineAtOffset(0, -14);
                }
                cs.endText();
            }
        }
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }

    public static String text(List<String> lines) {
        return String.join("\n", lines);
    }

    /** Writes a document for a person to look at when a test fails. */
    public static void keep(Path dir, String name, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
