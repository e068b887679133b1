package dev.qalam.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * The PDF side of {@link DocumentLimits}: what PDFBox would allocate, computed from what the file declares,
 * before PDFBox allocates it. PDFBox decodes a stream's filters into memory in one piece and an image at its
 * declared size, and renders a page at whatever size its box says; none of that is bounded by the file's
 * own size.
 *
 * <ul>
 * <li>pages: the page's area at the rendering resolution; a page too large for the budget is rendered at a
 * lower resolution, down to {@link #MIN_RENDER_DPI}, and refused below it;</li>
 * <li>images: width x height x 4 bytes (PDFBox decodes every image to RGB or ARGB ints), the real size of a
 * JPEG stream from its own header (it may differ from what the dictionary says), the rows and columns a
 * CCITT stream declares, and soft masks and masks the same way;</li>
 * <li>streams (content, fonts, forms, object streams, inline image data): the size their filters inflate
 * to, found by decoding into a counter that stops at the bound.</li>
 * </ul>
 *
 * What cannot be bounded from outside PDFBox: the cross-reference stream and the object streams that
 * PDFBox inflates while it opens the file, before any check can run.
 */
final class PdfSafety {

    /**
     * The lowest resolution a page is rendered at. PDF limits a page side to 200 inches (14,400 units,
     * ISO 32000-1 annex C); at 36 dpi such a page is 7,200 x 7,200 pixels, inside the default budget. Text
     * is unreadable below it anyway.
     */
    static final int MIN_RENDER_DPI = 36;

    private static final Set<COSName> IMAGE_FILTERS = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
            COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION);

    private final DocumentLimits limits;

    PdfSafety(DocumentLimits limits) {
        this.limits = limits;
    }

    /** The resolution to render page {@code pageNum} at: {@code dpi}, or lower for a page too large for it. */
    float renderDpi(PDPage page, int pageNum, int dpi) throws DocumentLimitException {
        PDRectangle box = page.getCropBox();
        double w = Math.max(1, Math.abs(box.getWidth())) / 72.0;
        double h = Math.max(1, Math.abs(box.getHeight())) / 72.0;
        double area = w * h;
        long budget = limits.maxRenderPixels();
        if (Double.isFinite(area) && area * dpi * dpi <= budget) {
            return dpi;
        }
        double fit = Double.isFinite(area) ? Math.floor(Math.sqrt(budget / area)) : 0;
        if (fit < MIN_RENDER_DPI) {
            double bytes = area * MIN_RENDER_DPI * MIN_RENDER_DPI * 4;
            throw new DocumentLimitException("page_too_large", String.format(Locale.ROOT,
                    "Page %d measures %s x %s inches: even at %d dpi its image would take %s, and at most %d MB "
                            + "is rendered per page.", pageNum, inches(w), inches(h), MIN_RENDER_DPI, DocumentLimits.size(bytes),
                    limits.maxDecodedMb()));
        }
        return (float) Math.min(dpi, fit);
    }

    /**
     * Everything that can be known before reading a page: each page renders within the budget (at the lowest
     * resolution), every image's declared size, every other stream's inflated size. Object streams first:
     * reading an object held in one makes PDFBox inflate it.
     */
    void inspect(PDDocument doc, int maxPages) throws InvalidDocumentException {
        int pages = Math.min(doc.getNumberOfPages(), maxPages);
        for (int i = 0; i < pages; i++) {
            renderDpi(doc.getPage(i), i + 1, MIN_RENDER_DPI);
        }
        COSDocument cos = doc.getDocument();
        List<Long> objectStreams = new ArrayList<>();
        List<COSObjectKey> direct = new ArrayList<>();
        for (Map.Entry<COSObjectKey, Long> e : cos.getXrefTable().entrySet()) {
            if (e.getValue() != null && e.getValue() < 0) {
                objectStreams.add(-e.getValue());
            } else {
                direct.add(e.getKey());
            }
        }
        for (long nr : objectStreams.stream().distinct().toList()) {
            inspect(cos, new COSObjectKey(nr, 0));
        }
        for (COSObjectKey key : direct) {
            inspect(cos, key);
        }
    }

    private void inspect(COSDocument cos, COSObjectKey key) throws InvalidDocumentException {
        COSBase object;
        try {
            object = cos.getObjectFromPool(key).getObject();
        } catch (RuntimeException e) {
            // A broken object: PDFBox reports it (or skips it) where it is used.
            return;
        }
        if (!(object instanceof COSStream stream)) {
            return;
        }
        try {
            if (COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                checkImageStream(stream, 0);
            } else {
                checkInflatedSize(stream);
            }
        } catch (LimitExceeded e) {
            throw e.limit;
        } catch (IOException e) {
            // Undecodable data fails where it is used, as PDFBox decides (often a skipped image or glyph).
        }
    }

    /** Before PDFBox decodes an image (drawn on page {@code pageNum}, 0 when not known). */
    void checkImage(PDImage image, int pageNum) throws IOException {
        if (image instanceof PDImageXObject x) {
            checkImageStream(x.getCOSObject(), pageNum);
            checkInflatedSize(x.getCOSObject());
        } else {
            checkPixels(image.getWidth(), image.getHeight(), 4, pageNum);
        }
    }

    /** Before PDFBox decodes an inline image: its declared size and what its data inflates to. */
    void checkInlineImage(COSDictionary parameters, byte[] data, int pageNum) throws IOException {
        int w = parameters.getInt(COSName.W, COSName.WIDTH, -1);
        int h = parameters.getInt(COSName.H, COSName.HEIGHT, -1);
        checkPixels(w, h, 4, pageNum);
        COSBase f = parameters.getDictionaryObject(COSName.F, COSName.FILTER);
        List<COSName> filters = new ArrayList<>();
        if (f instanceof COSName n) {
            filters.add(n);
        } else if (f instanceof COSArray a) {
            for (COSBase b : a) {
                if (b instanceof COSName n) {
                    filters.add(n);
                }
            }
        }
        inflatedSize(new ByteArrayInputStream(data), filters, parameters, limits.maxDecodedBytes());
    }

    private void checkImageStream(COSStream stream, int pageNum) throws IOException {
        checkPixels(stream.getInt(COSName.WIDTH), stream.getInt(COSName.HEIGHT), 4, pageNum);
        List<COSName> filters = filters(stream);
        if (filters.contains(COSName.DCT_DECODE) || filters.contains(COSName.DCT_DECODE_ABBREVIATION)) {
            checkJpeg(stream, filters, pageNum);
        }
        if (filters.contains(COSName.CCITTFAX_DECODE) || filters.contains(COSName.CCITTFAX_DECODE_ABBREVIATION)) {
            COSBase parms = stream.getDictionaryObject(COSName.DECODE_PARMS, COSName.DP);
            if (parms instanceof COSArray a && a.size() > 0) {
                parms = a.getObject(a.size() - 1);
            }
            if (parms instanceof COSDictionary d) {
                int columns = d.getInt(COSName.COLUMNS, 1728);
                int rows = d.getInt(COSName.ROWS, stream.getInt(COSName.HEIGHT));
                checkPixels(columns, rows, 1, pageNum);
            }
        }
        for (COSName mask : List.of(COSName.SMASK, COSName.MASK)) {
            if (stream.getDictionaryObject(mask) instanceof COSStream m && m != stream) {
                checkPixels(m.getInt(COSName.WIDTH), m.getInt(COSName.HEIGHT), 4, pageNum);
            }
        }
    }

    /** A JPEG's real size is in its own header, which PDFBox's decoder follows whatever the dictionary says. */
    private void checkJpeg(COSStream stream, List<COSName> filters, int pageNum) throws IOException {
        InputStream raw;
        if (IMAGE_FILTERS.contains(filters.get(0))) {
            raw = stream.createRawInputStream();
        } else {
            checkInflatedSize(stream);
            raw = new PDStream(stream).createInputStream(
                    List.of(COSName.DCT_DECODE.getName(), COSName.DCT_DECODE_ABBREVIATION.getName()));
        }
        try (InputStream in = raw; ImageInputStream iis = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = iis == null ? null : ImageIO.getImageReadersByFormatName("jpeg");
            if (readers == null || !readers.hasNext()) {
                return;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(iis, true, true);
                checkPixels(reader.getWidth(0), reader.getHeight(0), 4, pageNum);
            } catch (IOException | RuntimeException e) {
                if (e instanceof LimitExceeded l) {
                    throw l;
                }
                // Not a readable JPEG: PDFBox fails on it as it would have.
            } finally {
                reader.dispose();
            }
        }
    }

    private void checkPixels(long width, long height, int bytesPerPixel, int pageNum) throws LimitExceeded {
        if (width <= 0 || height <= 0) {
            return;
        }
        long bytes = width * height * bytesPerPixel;
        if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE || bytes / bytesPerPixel / width != height
                || bytes > limits.maxDecodedBytes()) {
            String where = pageNum > 0 ? "An image on page " + pageNum : "An image in the PDF";
            throw new LimitExceeded(new DocumentLimitException("image_too_large", where + " is " + width + " x " + height
                    + " pixels (" + DocumentLimits.size((double) width * height * bytesPerPixel) + " once decoded); at most "
                    + limits.maxDecodedMb() + " MB is decoded per image."));
        }
    }

    private void checkInflatedSize(COSStream stream) throws IOException {
        try (InputStream raw = stream.createRawInputStream()) {
            inflatedSize(raw, filters(stream), stream, limits.maxDecodedBytes());
        }
    }

    /**
     * Runs a stream's filters up to its first image filter into a counter, refusing it once the output passes
     * {@code cap} bytes: the check PDFBox's in-memory decoding lacks. Intermediate stages of a chain are kept
     * in memory, bounded by the same cap. Returns the inflated size, or -1 when there is nothing to inflate.
     */
    long inflatedSize(InputStream raw, List<COSName> filters, COSDictionary parameters, long cap) throws IOException {
        InputStream in = raw;
        for (int i = 0; i < filters.size(); i++) {
            COSName name = filters.get(i);
            if (IMAGE_FILTERS.contains(name)) {
                return -1;
            }
            Filter filter;
            try {
                filter = FilterFactory.INSTANCE.getFilter(name);
            } catch (IOException e) {
                return -1;
            }
            boolean last = i == filters.size() - 1 || IMAGE_FILTERS.contains(filters.get(i + 1));
            Capped out = new Capped(cap, last);
            filter.decode(in, out, parameters, i);
            if (last) {
                return out.count;
            }
            in = new ByteArrayInputStream(out.buffer.toByteArray());
        }
        return -1;
    }

    private static List<COSName> filters(COSStream stream) {
        COSBase f = stream.getFilters();
        List<COSName> out = new ArrayList<>();
        if (f instanceof COSName n) {
            out.add(n);
        } else if (f instanceof COSArray a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.getObject(i) instanceof COSName n) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    private final class Capped extends OutputStream {
        final long cap;
        final ByteArrayOutputStream buffer;
        long count;

        Capped(long cap, boolean countOnly) {
            this.cap = cap;
            this.buffer = countOnly ? null : new ByteArrayOutputStream();
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
            if (buffer != null) {
                buffer.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
            if (buffer != null) {
                buffer.write(b, off, len);
            }
        }

        private void add(long n) throws LimitExceeded {
            count += n;
            if (count > cap) {
                throw new LimitExceeded(new DocumentLimitException("content_too_large",
                        "A part of the PDF expands to more than " + limits.maxDecodedMb()
                                + " MB when decompressed; at most " + limits.maxDecodedMb() + " MB is decoded per part."));
            }
        }
    }

    /**
     * Carries a {@link DocumentLimitException} through PDFBox's code, which only lets {@link IOException}s
     * out of its content stream engine.
     */
    static final class LimitExceeded extends IOException {
        final DocumentLimitException limit;

        LimitExceeded(DocumentLimitException limit) {
            super(limit.getMessage());
            this.limit = limit;
        }
    }

    /** The {@link LimitExceeded} in {@code e}'s causes, if any. */
    static LimitExceeded find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LimitExceeded l) {
                return l;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static String inches(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
