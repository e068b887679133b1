package dev.qalam.document;

import dev.qalam.text.PageText;
import dev.qalam.text.TextCleanup;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.pdmodel.graphics.PDXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Per-page text and images from one stored document: a PDF (text layer, or OCR of the page), a PNG/JPEG/TIFF
 * image (OCR, one page per frame), a DOCX (pages split at page breaks), a PPTX (a page per slide) or a
 * UTF-8 text or Markdown file (one page). Not thread-safe: open one per thread (a PDF document is not safe to share), all of them on the
 * same {@link TesseractEngine}. The document is read from a file (a stream is copied to a temporary file
 * first), never held in memory whole, and nothing in it is decoded before its size is checked against the
 * {@link DocumentLimits}.
 */
public final class DocumentPageExtractor implements AutoCloseable {

    /**
     * @param ocrDpi         resolution pages are rendered at for OCR (300: Tesseract's sweet spot)
     * @param imageDpi       resolution of the stored page images
     * @param thumbnailWidth thumbnail width in pixels
     * @param images         whether to produce page images and thumbnails at all
     * @param limits         the decoding bounds
     * @param workDir        where temporary copies of documents go; null for the system's temporary folder
     */
    public record Settings(int ocrDpi, int imageDpi, int thumbnailWidth, boolean images, DocumentLimits limits,
                           Path workDir) {
        public static Settings defaults() {
            return new Settings(300, 150, 200, true, DocumentLimits.defaults(), null);
        }

        public Settings withoutImages() {
            return new Settings(ocrDpi, imageDpi, thumbnailWidth, false, limits, workDir);
        }

        public Settings withLimits(DocumentLimits limits) {
            return new Settings(ocrDpi, imageDpi, thumbnailWidth, images, limits, workDir);
        }
    }

    /** How many pages a document may have before counting stops (the callers' own limits are far lower). */
    static final int COUNT_CAP = 100_000;

    private final DocumentKind kind;
    private final PageSource source;
    private final Path ownedFile;

    private DocumentPageExtractor(DocumentKind kind, PageSource source, Path ownedFile) {
        this.kind = kind;
        this.source = source;
        this.ownedFile = ownedFile;
    }

    /** Opens a document from a stream, read to the end into a temporary file (the stream may be closed afterwards). */
    public static DocumentPageExtractor open(InputStream in, DocumentKind kind, TesseractEngine engine, Settings settings)
            throws InvalidDocumentException {
        Path file = spool(in, settings.workDir());
        try {
            DocumentPageExtractor x = new DocumentPageExtractor(kind, source(file, kind, engine, settings), file);
            file = null;
            return x;
        } finally {
            deleteQuietly(file);
        }
    }

    /** Opens a document file, which must stay in place until the extractor is closed. */
    public static DocumentPageExtractor open(Path file, DocumentKind kind, TesseractEngine engine, Settings settings)
            throws InvalidDocumentException {
        return new DocumentPageExtractor(kind, source(file, kind, engine, settings), null);
    }

    private static PageSource source(Path file, DocumentKind kind, TesseractEngine engine, Settings settings)
            throws InvalidDocumentException {
        return switch (kind) {
            case PDF -> new PdfPages(loadPdf(file), engine, settings);
            case PNG, JPEG, TIFF -> new ImagePages(file, kind, engine, settings);
            case DOCX, PPTX, TEXT, MARKDOWN -> new ParsedPages(readText(file, kind, settings.limits()));
        };
    }

    /**
     * Checks a document and counts its pages without extracting anything: it can be read, and everything
     * that can be known before decoding is within {@code limits} (image sizes, every frame of a TIFF, PDF
     * page sizes at the lowest rendering resolution, PDF images and decompressed streams). Counting stops
     * past {@code maxPages}: a larger answer means "more than {@code maxPages}".
     */
    public static int countPages(Path file, DocumentKind kind, DocumentLimits limits, int maxPages)
            throws InvalidDocumentException {
        int cap = Math.max(1, Math.min(maxPages, COUNT_CAP));
        switch (kind) {
            case PDF -> {
                try (PDDocument doc = loadPdf(file)) {
                    int pages = doc.getNumberOfPages();
                    if (pages <= cap) {
                        new PdfSafety(limits).inspect(doc, cap);
                    }
                    return pages;
                } catch (IOException e) {
                    throw new InvalidDocumentException("invalid_pdf", "The PDF cannot be read.", e);
                }
            }
            case PNG, JPEG, TIFF -> {
                try (ImageFile img = ImageFile.open(file, kind, limits)) {
                    return img.countFrames(cap);
                }
            }
            case DOCX, PPTX, TEXT, MARKDOWN -> {
                List<PageText> pages = readText(file, kind, limits);
                if (pages.stream().allMatch(PageText::isEmpty)) {
                    throw new InvalidDocumentException("empty_content", "The " + kind.label() + " file has no text.");
                }
                return pages.size();
            }
            default -> throw new IllegalArgumentException(kind.name());
        }
    }

    /** The pages of a kind that carries its own text. */
    static List<PageText> readText(Path file, DocumentKind kind, DocumentLimits limits) throws InvalidDocumentException {
        return switch (kind) {
            case DOCX, PPTX -> {
                try (OoxmlPackages.Opened opened = OoxmlPackages.open(file, kind, limits)) {
                    yield kind == DocumentKind.DOCX ? DocxReader.read(opened.pkg(), limits) : PptxReader.read(opened.pkg(), limits);
                }
            }
            case TEXT, MARKDOWN -> TextFileReader.read(file, kind, limits);
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    /** {@link #countPages(Path, DocumentKind, DocumentLimits, int)} with the default limits, from a stream. */
    public static int countPages(InputStream in, DocumentKind kind) throws InvalidDocumentException {
        Path file = spool(in, null);
        try {
            return countPages(file, kind, DocumentLimits.defaults(), COUNT_CAP);
        } finally {
            deleteQuietly(file);
        }
    }

    public DocumentKind kind() {
        return kind;
    }

    public int pageCount() {
        return source.pageCount();
    }

    /** Extracts page {@code pageNum} (1-based). */
    public ExtractedPage extract(int pageNum) throws InvalidDocumentException {
        if (pageNum < 1 || pageNum > pageCount()) {
            throw new IllegalArgumentException("No page " + pageNum + " in a document of " + pageCount());
        }
        long start = System.nanoTime();
        try {
            return source.extract(pageNum, start);
        } catch (InvalidDocumentException | OcrEngineException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            PdfSafety.LimitExceeded limit = PdfSafety.find(e);
            if (limit != null) {
                throw limit.limit;
            }
            throw new InvalidDocumentException(kind == DocumentKind.PDF ? "invalid_pdf" : kind.isImage() ? "invalid_image"
                    : "invalid_" + kind.extension(),
                    "Page " + pageNum + " of the " + kind.label() + " cannot be read.", e);
        }
    }

    @Override
    public void close() {
        source.close();
        deleteQuietly(ownedFile);
    }

    /** One kind of document, page by page. */
    private interface PageSource {
        int pageCount();

        ExtractedPage extract(int pageNum, long start) throws IOException, InvalidDocumentException;

        void close();
    }

    /** Text layer when usable, otherwise OCR of the page's scan or of the rendered page. */
    private static final class PdfPages implements PageSource {
        private final PDDocument pdf;
        private final TesseractEngine engine;
        private final Settings settings;
        private final PdfSafety safety;
        private final GuardedPdfRenderer renderer;
        private final PDFTextStripper stripper;

        PdfPages(PDDocument pdf, TesseractEngine engine, Settings settings) {
            this.pdf = pdf;
            this.engine = engine;
            this.settings = settings;
            this.safety = new PdfSafety(settings.limits());
            this.renderer = new GuardedPdfRenderer(pdf, safety);
            this.stripper = new PDFTextStripper();
            // Without it PDFBox emits Arabic lines reversed.
            stripper.setSortByPosition(true);
        }

        @Override
        public int pageCount() {
            return pdf.getNumberOfPages();
        }

        @Override
        public ExtractedPage extract(int pageNum, long start) throws IOException, InvalidDocumentException {
            stripper.setStartPage(pageNum);
            stripper.setEndPage(pageNum);
            String layer = TextCleanup.clean(stripper.getText(pdf));
            PDPage page = pdf.getPage(pageNum - 1);
            renderer.forPage(pageNum);
            if (TextLayerHeuristic.assess(layer).usable()) {
                byte[] img = null;
                byte[] thumb = null;
                if (settings.images()) {
                    BufferedImage rendered = renderer.renderImageWithDPI(pageNum - 1,
                            safety.renderDpi(page, pageNum, settings.imageDpi()), ImageType.RGB);
                    img = Images.png(rendered);
                    thumb = Images.png(Images.scaleToWidth(rendered, settings.thumbnailWidth()));
                }
                return new ExtractedPage(PageText.plain(pageNum, layer), countLines(layer), seconds(start),
                        ExtractedPage.Method.TEXT_LAYER, img, thumb);
            }
            ScannedImage scan = scannedImage(page, pageNum);
            if (scan != null) {
                return ocr(engine, settings, pageNum, scan.image(), scan.dpi(), start);
            }
            float dpi = safety.renderDpi(page, pageNum, settings.ocrDpi());
            BufferedImage rendered = renderer.renderImageWithDPI(pageNum - 1, dpi, ImageType.GRAY);
            return ocr(engine, settings, pageNum, rendered, Math.round(dpi), start);
        }

        private record ScannedImage(BufferedImage image, int dpi) {
        }

        /**
         * A scanner's page is one image covering the page: OCR that image as it is stored instead of rendering
         * the page (the render costs as much as a sixth of the page's OCR). Anything else (several images,
         * vector drawings, a crop, an odd resolution) is rendered.
         */
        private ScannedImage scannedImage(PDPage page, int pageNum) throws IOException {
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
            if (dpi < 200 || dpi > 600) {
                return null;
            }
            safety.checkImage(only, pageNum);
            BufferedImage img = only.getImage();
            return img == null ? null : new ScannedImage(img, dpi);
        }

        @Override
        public void close() {
            try {
                pdf.close();
            } catch (IOException ignored) {
                // Closing only frees buffers; there is nothing left to save.
            }
        }
    }

    /** DOCX, PPTX, text and Markdown: parsed whole when opened (their text is bounded), no images. */
    private static final class ParsedPages implements PageSource {
        private final List<PageText> pages;

        ParsedPages(List<PageText> pages) {
            this.pages = pages;
        }

        @Override
        public int pageCount() {
            return pages.size();
        }

        @Override
        public ExtractedPage extract(int pageNum, long start) {
            PageText page = pages.get(pageNum - 1);
            return new ExtractedPage(page, page.blocks().size(), seconds(start), ExtractedPage.Method.TEXT, null, null);
        }

        @Override
        public void close() {
        }
    }

    /** A PNG, JPEG or TIFF: one page per frame, each read by OCR. */
    private static final class ImagePages implements PageSource {
        private final ImageFile file;
        private final int frames;
        private final TesseractEngine engine;
        private final Settings settings;

        ImagePages(Path path, DocumentKind kind, TesseractEngine engine, Settings settings) throws InvalidDocumentException {
            this.file = ImageFile.open(path, kind, settings.limits());
            this.engine = engine;
            this.settings = settings;
            try {
                this.frames = file.countFrames(COUNT_CAP);
            } catch (InvalidDocumentException e) {
                file.close();
                throw e;
            }
        }

        @Override
        public int pageCount() {
            return frames;
        }

        @Override
        public ExtractedPage extract(int pageNum, long start) throws InvalidDocumentException {
            return ocr(engine, settings, pageNum, file.read(pageNum - 1), 0, start);
        }

        @Override
        public void close() {
            file.close();
        }
    }

    private static ExtractedPage ocr(TesseractEngine engine, Settings settings, int pageNum, BufferedImage img, int dpi,
                                     long start) {
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
        return new ExtractedPage(PageText.plain(pageNum, r.text()), r.lines(), seconds(start), ExtractedPage.Method.OCR,
                png, thumb, r.blocks());
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

    private static PDDocument loadPdf(Path file) throws InvalidDocumentException {
        try {
            // Read from the file, not into the heap; streams PDFBox writes spill to temporary files.
            return Loader.loadPDF(file.toFile(), "", null, null, IOUtils.createTempFileOnlyStreamCache());
        } catch (InvalidPasswordException e) {
            throw new InvalidDocumentException("encrypted_pdf",
                    "The PDF is encrypted with a password; upload a copy without the password.", e);
        } catch (IOException | RuntimeException e) {
            throw new InvalidDocumentException("invalid_pdf", "The PDF cannot be read.", e);
        }
    }

    /** Copies a stream into a temporary file in {@code dir} (the system's temporary folder when null). */
    static Path spool(InputStream in, Path dir) {
        Path file = null;
        try {
            file = dir == null ? Files.createTempFile("qalam-doc-", ".tmp") : Files.createTempFile(dir, "qalam-doc-", ".tmp");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException("Could not copy the document to a temporary file", e);
        }
    }

    static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left behind is removed with the temporary folder.
            }
        }
    }
}
