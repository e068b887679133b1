package dev.qalam.document;

import dev.qalam.text.TextCleanup;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Per-page text and images from one stored document (a PDF, or a PNG/JPEG/TIFF page image). Not
 * thread-safe: open one per thread (a PDF document is not safe to share), all of them on the same
 * {@link TesseractEngine}.
 */
public final class DocumentPageExtractor implements AutoCloseable {

    /**
     * @param ocrDpi         resolution pages are rendered at for OCR (300: Tesseract's sweet spot)
     * @param imageDpi       resolution of the stored page images
     * @param thumbnailWidth thumbnail width in pixels
     * @param images         whether to produce page images and thumbnails at all
     * @param maxPixels      a rendered page never has more pixels than this (a huge page size is not a reason to run out of memory)
     */
    public record Settings(int ocrDpi, int imageDpi, int thumbnailWidth, boolean images, long maxPixels) {
        public static Settings defaults() {
            return new Settings(300, 150, 200, true, 60_000_000L);
        }

        public Settings withoutImages() {
            return new Settings(ocrDpi, imageDpi, thumbnailWidth, false, maxPixels);
        }
    }

    /** Images larger than this are refused before they are decoded. */
    static final long MAX_IMAGE_PIXELS = 100_000_000L;

    private final DocumentKind kind;
    private final TesseractEngine engine;
    private final Settings settings;
    private final PDDocument pdf;
    private final PDFRenderer renderer;
    private final PDFTextStripper stripper;
    private final BufferedImage image;

    private DocumentPageExtractor(DocumentKind kind, TesseractEngine engine, Settings settings, PDDocument pdf,
                                  BufferedImage image) {
        this.kind = kind;
        this.engine = engine;
        this.settings = settings;
        this.pdf = pdf;
        this.image = image;
        if (pdf != null) {
            renderer = new PDFRenderer(pdf);
            stripper = new PDFTextStripper();
            // Without it PDFBox emits Arabic lines reversed.
            stripper.setSortByPosition(true);
        } else {
            renderer = null;
            stripper = null;
        }
    }

    /** Opens a document; the stream is read to the end and may be closed afterwards. */
    public static DocumentPageExtractor open(InputStream in, DocumentKind kind, TesseractEngine engine, Settings settings)
            throws InvalidDocumentException {
        if (kind == DocumentKind.PDF) {
            return new DocumentPageExtractor(kind, engine, settings, loadPdf(in), null);
        }
        return new DocumentPageExtractor(kind, engine, settings, null, readImage(in, kind));
    }

    /** Checks a document and counts its pages without extracting anything. */
    public static int countPages(InputStream in, DocumentKind kind) throws InvalidDocumentException {
        if (kind != DocumentKind.PDF) {
            checkImage(in, kind);
            return 1;
        }
        try (PDDocument doc = loadPdf(in)) {
            return doc.getNumberOfPages();
        } catch (IOException e) {
            throw new InvalidDocumentException("invalid_pdf", "The PDF cannot be read: " + e.getMessage(), e);
        }
    }

    public DocumentKind kind() {
        return kind;
    }

    public int pageCount() {
        return pdf != null ? pdf.getNumberOfPages() : 1;
    }

    /** Extracts page {@code pageNum} (1-based). */
    public ExtractedPage extract(int pageNum) throws InvalidDocumentException {
        if (pageNum < 1 || pageNum > pageCount()) {
            throw new IllegalArgumentException("No page " + pageNum + " in a document of " + pageCount());
        }
        long start = System.nanoTime();
        try {
            return pdf != null ? extractPdfPage(pageNum, start) : extractImage(start);
        } catch (IOException | RuntimeException e) {
            if (e instanceof OcrEngineException oe) {
                throw oe;
            }
            throw new InvalidDocumentException(kind == DocumentKind.PDF ? "invalid_pdf" : "invalid_image",
                    "Page " + pageNum + " cannot be read: " + e.getMessage(), e);
        }
    }

    private ExtractedPage extractPdfPage(int pageNum, long start) throws IOException {
        stripper.setStartPage(pageNum);
        stripper.setEndPage(pageNum);
        String layer = TextCleanup.clean(stripper.getText(pdf));
        PDPage page = pdf.getPage(pageNum - 1);
        if (TextLayerHeuristic.assess(layer).usable()) {
            byte[] img = null;
            byte[] thumb = null;
            if (settings.images()) {
                BufferedImage rendered = renderer.renderImageWithDPI(pageNum - 1, dpiFor(page, settings.imageDpi()), ImageType.RGB);
                img = Images.png(rendered);
                thumb = Images.png(Images.scaleToWidth(rendered, settings.thumbnailWidth()));
            }
            return new ExtractedPage(pageNum, layer, countLines(layer), seconds(start), ExtractedPage.Method.TEXT_LAYER, img, thumb);
        }
        ScannedImage scan = scannedImage(page);
        if (scan != null) {
            return ocr(pageNum, scan.image(), scan.dpi(), start);
        }
        float dpi = dpiFor(page, settings.ocrDpi());
        BufferedImage rendered = renderer.renderImageWithDPI(pageNum - 1, dpi, ImageType.GRAY);
        return ocr(pageNum, rendered, Math.round(dpi), start);
    }

    private ExtractedPage extractImage(long start) {
        return ocr(1, image, 0, start);
    }

    private ExtractedPage ocr(int pageNum, BufferedImage img, int dpi, long start) {
        TesseractEngine.Recognition r = engine.recognize(img, dpi);
        byte[] png = null;
        byte[] thumb = null;
        if (settings.images()) {
            int width = dpi > 0 ? Math.max(1, img.getWidth() * settings.imageDpi() / dpi)
                    : Math.min(img.getWidth(), Math.round(8.27f * settings.imageDpi()));
            BufferedImage pageImage = Images.scaleToWidth(img, width);
            png = Images.png(pageImage);
            thumb = Images.png(Images.scaleToWidth(pageImage, settings.thumbnailWidth()));
        }
        return new ExtractedPage(pageNum, r.text(), r.lines(), seconds(start), ExtractedPage.Method.OCR, png, thumb);
    }

    private record ScannedImage(BufferedImage image, int dpi) {
    }

    /**
     * A scanner's page is one image covering the page: OCR that image as it is stored instead of rendering the
     * page (the render costs as much as a sixth of the page's OCR). Anything else (several images, vector
     * drawings, a crop, an odd resolution) is rendered.
     */
    private ScannedImage scannedImage(PDPage page) throws IOException {
        PDResources resources = page.getResources();
        if (resources == null || page.getRotation() != 0) {
            return null;
        }
        PDImageXObject only = null;
        for (COSName name : resources.getXObjectNames()) {
            PDXObject x = resources.getXObject(name);
            if (!(x instanceof PDImageXObject img) || only != null) {
                return null;
            }
            only = img;
        }
        if (only == null || resources.getFontNames().iterator().hasNext()) {
            return null;
        }
        PDRectangle box = page.getCropBox();
        double pageAspect = box.getWidth() / box.getHeight();
        double imageAspect = (double) only.getWidth() / only.getHeight();
        if (Math.abs(pageAspect - imageAspect) > 0.02 * pageAspect) {
            return null;
        }
        int dpi = (int) Math.round(only.getWidth() / (box.getWidth() / 72.0));
        if (dpi < 200 || dpi > 600 || (long) only.getWidth() * only.getHeight() > settings.maxPixels()) {
            return null;
        }
        BufferedImage img = only.getImage();
        return img == null ? null : new ScannedImage(img, dpi);
    }

    /** The requested resolution, lowered for pages so large that it would exceed the pixel budget. */
    private float dpiFor(PDPage page, int dpi) {
        PDRectangle box = page.getCropBox();
        double w = Math.max(1, box.getWidth()) / 72.0;
        double h = Math.max(1, box.getHeight()) / 72.0;
        double pixels = w * dpi * h * dpi;
        if (pixels <= settings.maxPixels()) {
            return dpi;
        }
        return (float) Math.max(10, Math.floor(Math.sqrt(settings.maxPixels() / (w * h))));
    }

    static int countLines(String text) {
        int n = 0;
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                n++;
            }
        }
        return n;
    }

    private static double seconds(long start) {
        return Math.round((System.nanoTime() - start) / 1e7) / 100.0;
    }

    private static PDDocument loadPdf(InputStream in) throws InvalidDocumentException {
        try {
            // Large streams spill to a temporary file instead of the heap.
            return Loader.loadPDF(new RandomAccessReadBuffer(in), "", null, null, IOUtils.createTempFileOnlyStreamCache());
        } catch (InvalidPasswordException e) {
            throw new InvalidDocumentException("encrypted_pdf",
                    "The PDF is encrypted with a password; upload a copy without the password.", e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidDocumentException("invalid_pdf", "The PDF cannot be read: " + e.getMessage(), e);
        }
    }

    private static void checkImage(InputStream in, DocumentKind kind) throws InvalidDocumentException {
        readImage(in, kind, false);
    }

    private static BufferedImage readImage(InputStream in, DocumentKind kind) throws InvalidDocumentException {
        return readImage(in, kind, true);
    }

    private static BufferedImage readImage(InputStream in, DocumentKind kind, boolean decode) throws InvalidDocumentException {
        try (ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = iis == null ? null : ImageIO.getImageReaders(iis);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidDocumentException("invalid_image", "The " + kind.extension().toUpperCase() + " image cannot be read.");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels <= 0 || pixels > MAX_IMAGE_PIXELS) {
                    throw new InvalidDocumentException("invalid_image",
                            "The image has " + pixels + " pixels; at most " + MAX_IMAGE_PIXELS + " are accepted.");
                }
                if (!decode) {
                    return null;
                }
                BufferedImage img = reader.read(0);
                if (img == null) {
                    throw new InvalidDocumentException("invalid_image", "The image cannot be decoded.");
                }
                return img;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidDocumentException("invalid_image", "The image cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (pdf != null) {
            try {
                pdf.close();
            } catch (IOException ignored) {
                // Closing only frees buffers; there is nothing left to save.
            }
        }
    }
}
