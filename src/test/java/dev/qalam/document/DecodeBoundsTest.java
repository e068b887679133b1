package dev.qalam.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.ocr.TestDocuments;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each decoder's bound, hit by a file that declares more than it holds: refused from its headers before
 * anything is decoded (at upload), or, for what only rendering meets, before PDFBox decodes it (in the job).
 * Every refusal is a {@link DocumentLimitException} whose message names the limit.
 */
class DecodeBoundsTest {

    static TesseractEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        engine = new TesseractEngine(TesseractEngine.detectDatapath(Optional.empty()), "ara+eng", 1);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static DocumentLimitException refused(Path file, DocumentKind kind, DocumentLimits limits) {
        InvalidDocumentException e = assertThrows(InvalidDocumentException.class,
                () -> DocumentPageExtractor.countPages(file, kind, limits, 2000));
        return assertInstanceOf(DocumentLimitException.class, e, e.getMessage());
    }

    DocumentLimitException refusedWhenRead(Path file, DocumentKind kind, DocumentLimits limits) throws Exception {
        try (DocumentPageExtractor x = DocumentPageExtractor.open(file, kind, engine,
                DocumentPageExtractor.Settings.defaults().withLimits(limits))) {
            InvalidDocumentException e = assertThrows(InvalidDocumentException.class, () -> x.extract(1));
            return assertInstanceOf(DocumentLimitException.class, e, e.getMessage());
        }
    }

    @Test
    void pngDeclaringMoreThanTheBoundIsRefusedFromItsHeader() throws Exception {
        // 6000 x 6000 16-bit RGBA: 275 MB decoded, over the default 256 MB, from a file of a few hundred KB.
        Path png = write("bomb.png", TestDocuments.pngBomb(6000, 6000));
        assertTrue(Files.size(png) < 1_000_000);
        DocumentLimitException e = refused(png, DocumentKind.PNG, DocumentLimits.defaults());
        assertEquals("image_too_large", e.code());
        assertEquals("The image is 6000 x 6000 pixels at 8 bytes per pixel (275 MB once decoded); at most 256 MB "
                + "is decoded per image.", e.getMessage());
        // The same image under a higher bound is fine: the bytes per pixel count, not only the pixels.
        assertEquals(1, DocumentPageExtractor.countPages(png, DocumentKind.PNG, DocumentLimits.withMaxDecodedMb(300), 10));
        // Opening it to read is refused the same way.
        InvalidDocumentException open = assertThrows(InvalidDocumentException.class, () -> DocumentPageExtractor.open(png,
                DocumentKind.PNG, engine, DocumentPageExtractor.Settings.defaults()));
        assertEquals("image_too_large", open.code());
    }

    @Test
    void everyTiffFrameIsChecked() throws Exception {
        Path tiff = write("frames.tif", twoFrameTiff(20_000, 20_000));
        DocumentLimitException e = refused(tiff, DocumentKind.TIFF, DocumentLimits.defaults());
        assertEquals("image_too_large", e.code());
        assertTrue(e.getMessage().startsWith("Page 2 of the TIFF image is 20000 x 20000 pixels at 1 byte per pixel"),
                e.getMessage());
        assertEquals(2, DocumentPageExtractor.countPages(write("ok.tif", twoFrameTiff(100, 100)), DocumentKind.TIFF,
                DocumentLimits.defaults(), 10));
    }

    @Test
    void aHugePageIsRenderedSmallerDownToAFloorThenRefused() throws Exception {
        // PDF's own largest page (200 x 200 inches) still renders, at a lower resolution.
        PdfSafety safety = new PdfSafety(DocumentLimits.defaults());
        assertEquals(40f, safety.renderDpi(new PDPage(new PDRectangle(14_400, 14_400)), 1, 300));
        assertEquals(300f, safety.renderDpi(new PDPage(PDRectangle.A4), 1, 300));
        // A MediaBox of 1,000,000 points (13,889 inches) a side is not rendered at all.
        Path pdf = write("huge.pdf", TestDocuments.hugePagePdf(1_000_000));
        DocumentLimitException e = refused(pdf, DocumentKind.PDF, DocumentLimits.defaults());
        assertEquals("page_too_large", e.code());
        assertEquals("Page 1 measures 13889 x 13889 inches: even at 36 dpi its image would take 932 GB, and at "
                + "most 256 MB is rendered per page.", e.getMessage());
        assertEquals("page_too_large", refusedWhenRead(pdf, DocumentKind.PDF, DocumentLimits.defaults()).code());
    }

    @Test
    void imageXObjectsAreCheckedByTheirDeclaredSize() throws Exception {
        Path pdf = write("xobject.pdf", pdfWithImage(30_000, 30_000, null));
        DocumentLimitException e = refused(pdf, DocumentKind.PDF, DocumentLimits.defaults());
        assertEquals("image_too_large", e.code());
        assertTrue(e.getMessage().startsWith("An image in the PDF is 30000 x 30000 pixels (3434 MB once decoded)"),
                e.getMessage());
        DocumentLimitException render = refusedWhenRead(pdf, DocumentKind.PDF, DocumentLimits.defaults());
        assertTrue(render.getMessage().startsWith("An image on page 1 is 30000 x 30000 pixels"), render.getMessage());
    }

    @Test
    void aJpegIsCheckedByItsOwnHeaderNotTheDictionary() throws Exception {
        // The dictionary says 16 x 16; the JPEG data says 20000 x 20000, which is what the decoder allocates.
        Path pdf = write("jpeg.pdf", pdfWithImage(16, 16, jpegClaiming(20_000, 20_000)));
        DocumentLimitException e = refused(pdf, DocumentKind.PDF, DocumentLimits.defaults());
        assertTrue(e.getMessage().contains("20000 x 20000"), e.getMessage());
        assertTrue(refusedWhenRead(pdf, DocumentKind.PDF, DocumentLimits.defaults()).getMessage().contains("20000 x 20000"));
    }

    @Test
    void streamsThatInflateBeyondTheBoundAreRefused() throws Exception {
        DocumentLimits small = DocumentLimits.withMaxDecodedMb(4);
        Path pdf = write("content.pdf", pdfWithContent(flate(new byte[5 * 1024 * 1024]), COSName.FLATE_DECODE));
        DocumentLimitException e = refused(pdf, DocumentKind.PDF, small);
        assertEquals("content_too_large", e.code());
        assertEquals("A part of the PDF expands to more than 4 MB when decompressed; at most 4 MB is decoded per part.",
                e.getMessage());
        assertEquals(1, DocumentPageExtractor.countPages(pdf, DocumentKind.PDF, DocumentLimits.defaults(), 10));
    }

    @Test
    void inlineImagesAreCheckedBeforePdfBoxDecodesThem() throws Exception {
        // Rendering meets inline images in the content stream: the job refuses the page, naming the limit.
        byte[] declared = "q 100 0 0 100 0 0 cm BI /W 20000 /H 20000 /BPC 8 /CS /RGB ID \u0000\u0000\u0000\nEI Q\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        Path big = write("inline.pdf", pdfWithContent(declared, null));
        assertEquals(1, DocumentPageExtractor.countPages(big, DocumentKind.PDF, DocumentLimits.defaults(), 10));
        DocumentLimitException e = refusedWhenRead(big, DocumentKind.PDF, DocumentLimits.defaults());
        assertEquals("image_too_large", e.code());
        assertTrue(e.getMessage().startsWith("An image on page 1 is 20000 x 20000 pixels"), e.getMessage());

        // A small inline image whose data inflates past the bound (hex-encoded, then deflated).
        String hex = HexFormat.of().formatHex(flate(new byte[5 * 1024 * 1024])) + ">";
        byte[] bomb = ("q 100 0 0 100 0 0 cm BI /W 100 /H 100 /BPC 8 /CS /G /F [/AHx /Fl] ID " + hex + "\nEI Q\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Path inflating = write("inline-bomb.pdf", pdfWithContent(bomb, null));
        assertEquals("content_too_large", refusedWhenRead(inflating, DocumentKind.PDF, DocumentLimits.withMaxDecodedMb(4)).code());
    }

    /** An uncompressed 8-bit grey TIFF: a 10 x 10 first frame, then a frame declaring {@code w} x {@code h}. */
    static byte[] twoFrameTiff(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(400).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        int ifd0 = 8;
        int ifd1 = ifd0 + 2 + 9 * 12 + 4;
        int data = ifd1 + 2 + 9 * 12 + 4;
        ifd(b, 10, 10, data, 100, ifd1);
        ifd(b, w, h, data, 100, 0);
        b.put(new byte[100]);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }

    private static void ifd(ByteBuffer b, int w, int h, int stripOffset, int stripBytes, int next) {
        b.putShort((short) 9);
        entry(b, 256, 4, w);
        entry(b, 257, 4, h);
        entry(b, 258, 3, 8);
        entry(b, 259, 3, 1);
        entry(b, 262, 3, 1);
        entry(b, 273, 4, stripOffset);
        entry(b, 277, 3, 1);
        entry(b, 278, 4, h);
        entry(b, 279, 4, stripBytes);
        b.putInt(next);
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    /** A small real JPEG whose frame header is rewritten to claim {@code w} x {@code h}. */
    static byte[] jpegClaiming(int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "jpeg", out);
        byte[] jpeg = out.toByteArray();
        for (int i = 2; i + 9 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) (h >> 8);
                jpeg[i + 6] = (byte) h;
                jpeg[i + 7] = (byte) (w >> 8);
                jpeg[i + 8] = (byte) w;
                return jpeg;
            }
        }
        throw new IllegalStateException("no SOF0 marker");
    }

    /** A page drawing one image XObject: Flate data of zeros, or the given JPEG bytes as DCT data. */
    static byte[] pdfWithImage(int w, int h, byte[] jpeg) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A6);
            doc.addPage(page);
            COSStream img = doc.getDocument().createCOSStream();
            img.setItem(COSName.TYPE, COSName.XOBJECT);
            img.setItem(COSName.SUBTYPE, COSName.IMAGE);
            img.setInt(COSName.WIDTH, w);
            img.setInt(COSName.HEIGHT, h);
            img.setItem(COSName.COLORSPACE, COSName.DEVICERGB);
            img.setInt(COSName.BITS_PER_COMPONENT, 8);
            if (jpeg == null) {
                try (OutputStream os = img.createOutputStream(COSName.FLATE_DECODE)) {
                    os.write(new byte[1000]);
                }
            } else {
                img.setItem(COSName.FILTER, COSName.DCT_DECODE);
                try (OutputStream os = img.createRawOutputStream()) {
                    os.write(jpeg);
                }
            }
            PDImageXObject x = new PDImageXObject(new PDStream(img), null);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.drawImage(x, 10, 10, 100, 100);
            }
            return save(doc);
        }
    }

    /** A page whose content stream is {@code content}, stored raw under {@code filter} (null: none). */
    static byte[] pdfWithContent(byte[] content, COSName filter) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A6);
            doc.addPage(page);
            COSStream cs = doc.getDocument().createCOSStream();
            if (filter != null) {
                cs.setItem(COSName.FILTER, filter);
            }
            try (OutputStream os = cs.createRawOutputStream()) {
                os.write(content);
            }
            page.setContents(new PDStream(cs));
            return save(doc);
        }
    }

    static byte[] flate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] save(PDDocument doc) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        doc.save(out);
        return out.toByteArray();
    }
}
