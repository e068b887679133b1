package dev.qalam.document;

import com.sun.jna.Pointer;
import dev.qalam.text.TextCleanup;
import com.sun.jna.ptr.PointerByReference;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.qalam.document.layout.Columns;
import dev.qalam.document.layout.PageBlock;
import dev.qalam.document.layout.RuledLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.sourceforge.lept4j.Leptonica1;
import net.sourceforge.lept4j.Pix;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.TessAPI1;

/**
 * Tesseract through its C API, each initialised handle used by one thread at a time: a {@code TessBaseAPI} is
 * not thread-safe, and initialising {@code ara+eng} costs a few hundred milliseconds, which tess4j's
 * {@code Tesseract} class (and the CLI) pay again for every page. Idle handles wait in a small pool rather
 * than in thread-locals, so a server whose pool threads come and go keeps as many handles as pages it reads
 * at once, not one per thread it ever used. Each page is deskewed by Leptonica before recognition.
 *
 * <p>Run the process with {@code OMP_THREAD_LIMIT=1}: Tesseract's own OpenMP threads fight the page-level
 * parallelism otherwise.
 */
public final class TesseractEngine implements AutoCloseable {

    /** Where Debian's {@code tesseract-ocr-*} packages put the language data. */
    public static final List<String> KNOWN_DATAPATHS = List.of(
            "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
            "/usr/share/tessdata", "/usr/local/share/tessdata");

    private final String datapath;
    private final String languages;
    private final int maxIdle;
    private final int minWordConfidence;
    private volatile TesseractEngine digits;
    private volatile boolean digitsAvailable = true;
    private final Deque<TessBaseAPI> idle = new ArrayDeque<>();
    private boolean closed;

    public TesseractEngine(String datapath, String languages) {
        this(datapath, languages, Runtime.getRuntime().availableProcessors());
    }

    /** @param maxIdle how many initialised handles to keep between pages (the pages read at once) */
    public TesseractEngine(String datapath, String languages, int maxIdle) {
        this(datapath, languages, maxIdle, DEFAULT_MIN_WORD_CONFIDENCE);
    }

    /** @param minWordConfidence words Tesseract is less sure of (0-100) are left out of the text */
    public TesseractEngine(String datapath, String languages, int maxIdle, int minWordConfidence) {
        this.datapath = Objects.requireNonNull(datapath);
        this.languages = Objects.requireNonNull(languages);
        this.maxIdle = Math.max(1, maxIdle);
        this.minWordConfidence = Math.max(0, Math.min(100, minWordConfidence));
    }

    /** The language data folder: {@code configured}, else {@code TESSDATA_PREFIX}, else a Debian default. */
    public static String detectDatapath(Optional<String> configured) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return configured.get();
        }
        String prefix = System.getenv("TESSDATA_PREFIX");
        if (prefix != null && !prefix.isBlank()) {
            Path p = Path.of(prefix);
            return Files.isDirectory(p.resolve("tessdata")) && !hasTrainedData(p) ? p.resolve("tessdata").toString() : prefix;
        }
        for (String candidate : KNOWN_DATAPATHS) {
            if (hasTrainedData(Path.of(candidate))) {
                return candidate;
            }
        }
        return KNOWN_DATAPATHS.get(0);
    }

    private static boolean hasTrainedData(Path dir) {
        return Files.isRegularFile(dir.resolve("eng.traineddata")) || Files.isRegularFile(dir.resolve("ara.traineddata"));
    }

    public String datapath() {
        return datapath;
    }

    public String languages() {
        return languages;
    }

    /**
     * What one page gave: its text (cleaned, in reading order, tables one row a line), the number of text
     * lines found, the skew corrected, and the page's regions in reading order.
     */
    public record Recognition(String text, int lines, float skewDegrees, List<PageBlock> blocks) {
    }

    /** Words Tesseract is less sure of than this (0-100) are not emitted: specks, borders and rules read as letters. */
    public static final int DEFAULT_MIN_WORD_CONFIDENCE = 20;

    /** Loads the engine on this thread, or says why it cannot ({@link OcrEngineException}). */
    public void check() {
        release(acquire());
    }

    /**
     * Reads a page image. Any depth is accepted; {@code dpi} is the image's resolution (Tesseract's size
     * heuristics need it), 0 if unknown.
     */
    public Recognition recognize(BufferedImage image, int dpi) {
        TessBaseAPI api = acquire();
        try {
            return recognize(api, image, dpi);
        } finally {
            release(api);
        }
    }

    private Recognition recognize(TessBaseAPI api, BufferedImage image, int dpi) {
        Pix pix = toPix(Images.toGray(image));
        Pix deskewed = null;
        List<Pix> owned = new ArrayList<>();
        try {
            FloatBuffer angle = FloatBuffer.allocate(1);
            FloatBuffer confidence = FloatBuffer.allocate(1);
            // Reduction 2 finds the skew on a half-size binarised copy: the same angle, four times faster.
            deskewed = Leptonica1.pixFindSkewAndDeskew(pix, 2, angle, confidence);
            Pix input = deskewed == null ? pix : deskewed;
            float skew = deskewed == null ? 0f : angle.get(0);
            int w = Leptonica1.pixGetWidth(input);
            int h = Leptonica1.pixGetHeight(input);
            byte[] gray = Leptonica1.pixGetDepth(input) == 8 ? grayBytes(input) : null;
            RuledLayout.Layout layout = gray == null ? null : RuledLayout.analyse(gray, w, h);
            if (layout == null || !layout.hasRules()) {
                Optional<RuledLayout.Box> gutter = gray == null ? Optional.empty() : Columns.gutter(gray, w, h);
                List<PageBlock> blocks = gutter.isPresent() ? readColumns(api, gray, w, h, gutter.get(), dpi)
                        : readPage(api, input, dpi, w, h);
                return result(blocks, skew);
            }
            // The rules are erased before anything is read; the tables are read cell by cell, the rest of the
            // page (tables blanked out) as a page.
            byte[] outside = layout.cleaned().clone();
            for (RuledLayout.Table t : layout.tables()) {
                blank(outside, w, h, t.box());
            }
            Optional<RuledLayout.Box> gutter = Columns.gutter(outside, w, h);
            List<PageBlock> blocks;
            if (gutter.isPresent()) {
                blocks = new ArrayList<>(readColumns(api, outside, w, h, gutter.get(), dpi));
            } else {
                Pix rest = toPix(outside, w, h);
                owned.add(rest);
                blocks = new ArrayList<>(readPage(api, rest, dpi, w, h));
            }
            boolean pageRtl = PageBlock.rightToLeft(blocks.stream().map(PageBlock::text).toList(), true);
            for (RuledLayout.Table t : layout.tables()) {
                insertInReadingOrder(blocks, readTable(api, dpi, layout, t, pageRtl), t.box().y(), h);
            }
            return result(blocks, skew);
        } finally {
            TessAPI1.TessBaseAPIClear(api);
            TessAPI1.TessBaseAPISetPageSegMode(api, ITessAPI.TessPageSegMode.PSM_AUTO);
            owned.forEach(TesseractEngine::dispose);
            if (deskewed != null) {
                dispose(deskewed);
            }
            dispose(pix);
        }
    }

    private static Recognition result(List<PageBlock> blocks, float skew) {
        StringBuilder text = new StringBuilder();
        int lines = 0;
        for (PageBlock b : blocks) {
            if (b.text().isBlank()) {
                continue;
            }
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(b.text());
            lines += DocumentPageExtractor.countLines(b.text());
        }
        List<PageBlock> kept = blocks.stream().filter(b -> !b.text().isBlank()).toList();
        return new Recognition(TextCleanup.clean(text.toString()), lines, skew, kept);
    }

    /** A table goes before the first text block that starts below its top. */
    private static void insertInReadingOrder(List<PageBlock> blocks, PageBlock table, int top, int pageHeight) {
        double y = (double) top / pageHeight;
        int at = blocks.size();
        for (int i = 0; i < blocks.size(); i++) {
            if (blocks.get(i).bbox().y() > y) {
                at = i;
                break;
            }
        }
        blocks.add(at, table);
    }

    private void setImage(TessBaseAPI api, Pix input, int dpi) {
        if (dpi > 0) {
            Leptonica1.pixSetResolution(input, dpi, dpi);
        }
        TessAPI1.TessBaseAPISetImage2(api, input);
        if (dpi > 0) {
            TessAPI1.TessBaseAPISetSourceResolution(api, dpi);
        }
    }

    /** The page laid out by Tesseract itself (columns, paragraphs), as text blocks in its reading order. */
    private List<PageBlock> readPage(TessBaseAPI api, Pix input, int dpi, int w, int h) {
        TessAPI1.TessBaseAPISetPageSegMode(api, ITessAPI.TessPageSegMode.PSM_AUTO);
        setImage(api, input, dpi);
        if (TessAPI1.TessBaseAPIRecognize(api, null) != 0) {
            throw new OcrEngineException("Tesseract could not recognise the page");
        }
        List<PageBlock> blocks = new ArrayList<>();
        for (RecognizedBlock b : words(api, minWordConfidence)) {
            blocks.add(PageBlock.text(PageBlock.Bounds.of(b.box(), w, h), b.text()));
        }
        return blocks;
    }

    /**
     * A page of two columns, each read by itself: the right one first when the page is mostly Arabic, the
     * left one first otherwise.
     */
    private List<PageBlock> readColumns(TessBaseAPI api, byte[] gray, int w, int h, RuledLayout.Box gutter, int dpi) {
        RuledLayout.Box left = new RuledLayout.Box(0, 0, gutter.x(), h);
        RuledLayout.Box right = new RuledLayout.Box(gutter.right(), 0, w - gutter.right(), h);
        List<PageBlock> l = readRegion(api, gray, w, h, left, dpi);
        List<PageBlock> r = readRegion(api, gray, w, h, right, dpi);
        List<String> texts = new ArrayList<>();
        l.forEach(b -> texts.add(b.text()));
        r.forEach(b -> texts.add(b.text()));
        List<PageBlock> out = new ArrayList<>();
        boolean rtl = PageBlock.rightToLeft(texts, true);
        out.addAll(rtl ? r : l);
        out.addAll(rtl ? l : r);
        return out;
    }

    /** A region of the page read by Tesseract's layout analysis on a white margin, its blocks' boxes in the page. */
    private List<PageBlock> readRegion(TessBaseAPI api, byte[] gray, int w, int h, RuledLayout.Box region, int dpi) {
        Pix pix = padded(gray, w, h, region, MARGIN);
        try {
            TessAPI1.TessBaseAPISetPageSegMode(api, ITessAPI.TessPageSegMode.PSM_AUTO);
            setImage(api, pix, dpi);
            if (TessAPI1.TessBaseAPIRecognize(api, null) != 0) {
                throw new OcrEngineException("Tesseract could not recognise the page");
            }
            List<PageBlock> blocks = new ArrayList<>();
            for (RecognizedBlock b : words(api, minWordConfidence)) {
                RuledLayout.Box box = new RuledLayout.Box(b.box().x() + region.x() - MARGIN, b.box().y() + region.y() - MARGIN,
                        b.box().width(), b.box().height());
                blocks.add(PageBlock.text(PageBlock.Bounds.of(box, w, h), b.text()));
            }
            return blocks;
        } finally {
            dispose(pix);
        }
    }

    /** Each non-empty cell read as a block of its own; the row's cells in reading order. */
    private PageBlock readTable(TessBaseAPI api, int dpi, RuledLayout.Layout layout, RuledLayout.Table table,
                                boolean pageRtl) {
        // The whole table first (rules erased), by Tesseract's own layout, on a white margin of its own: a
        // column of cells tells Tesseract the size of the text, which a lone cell does not, and text that
        // touches the edge of the image is often not read at all. Each word goes to the cell its centre lies in.
        RuledLayout.Box tb = table.box();
        List<Word> words;
        Pix tablePix = padded(layout, tb, MARGIN);
        try {
            TessAPI1.TessBaseAPISetPageSegMode(api, ITessAPI.TessPageSegMode.PSM_AUTO);
            setImage(api, tablePix, dpi);
            words = TessAPI1.TessBaseAPIRecognize(api, null) == 0 ? wordBoxes(api, minWordConfidence) : List.of();
        } finally {
            dispose(tablePix);
        }
        List<String[]> readings = new ArrayList<>();
        for (List<RuledLayout.Cell> row : table.cellRows()) {
            for (RuledLayout.Cell cell : row) {
                RuledLayout.Box b = cell.box();
                StringBuilder sb = new StringBuilder();
                for (Word w : words) {
                    int cx = tb.x() - MARGIN + w.box().x() + w.box().width() / 2;
                    int cy = tb.y() - MARGIN + w.box().y() + w.box().height() / 2;
                    if (cx >= b.x() && cx < b.right() && cy >= b.y() && cy < b.bottom()) {
                        sb.append(sb.length() > 0 ? " " : "").append(w.text());
                    }
                }
                String text = TextCleanup.clean(sb.toString());
                readings.add(text.isBlank() ? readCell(api, layout, b, dpi) : new String[] {text, numberOf(layout, text, b)});
            }
        }
        boolean rtl = PageBlock.rightToLeft(readings.stream().map(r -> r[0]).toList(), pageRtl);
        List<String> all = new ArrayList<>();
        for (String[] r : readings) {
            // In an Arabic table a number the script model reads in Arabic-Indic digits is taken over ara+eng's
            // reading, which cannot contain them.
            all.add(rtl && r[1] != null && Digits.hasArabicDigits(r[1]) ? r[1] : r[0]);
        }
        all = Digits.normalise(all);
        List<List<String>> rows = new ArrayList<>();
        int i = 0;
        for (List<RuledLayout.Cell> row : table.cellRows()) {
            rows.add(new ArrayList<>(all.subList(i, i + row.size())));
            i += row.size();
        }
        if (rtl) {
            rows.replaceAll(r -> {
                List<String> reversed = new ArrayList<>(r);
                Collections.reverse(reversed);
                return reversed;
            });
        }
        return PageBlock.table(PageBlock.Bounds.of(table.box(), layout.width(), layout.height()), rows);
    }

    /**
     * A cell the table pass found no word in, read alone (as a block, then as a line), and by the digits model
     * when it may be a number (else null).
     */
    private String[] readCell(TessBaseAPI api, RuledLayout.Layout layout, RuledLayout.Box box, int dpi) {
        RuledLayout.Box inner = inner(box);
        if (inner.width() < 4 || inner.height() < 4 || RuledLayout.inkIn(layout, inner) < MIN_CELL_INK) {
            return new String[] {"", null};
        }
        Pix cell = padded(layout, inner, MARGIN);
        try {
            String text = "";
            for (int mode : new int[] {ITessAPI.TessPageSegMode.PSM_SINGLE_BLOCK, ITessAPI.TessPageSegMode.PSM_SINGLE_LINE}) {
                TessAPI1.TessBaseAPISetPageSegMode(api, mode);
                setImage(api, cell, dpi);
                if (TessAPI1.TessBaseAPIRecognize(api, null) == 0) {
                    text = joined(words(api, minWordConfidence));
                }
                if (!text.isBlank()) {
                    break;
                }
            }
            return new String[] {text, numberOf(layout, text, box)};
        } finally {
            dispose(cell);
        }
    }

    /** Inside the rules: what is left of a rule's fringe stays out of the cell. */
    private static RuledLayout.Box inner(RuledLayout.Box cell) {
        int inset = 5;
        return new RuledLayout.Box(cell.x() + inset, cell.y() + inset, cell.width() - 2 * inset, cell.height() - 2 * inset);
    }

    /** White space put around a table or cell read on its own. */
    private static final int MARGIN = 40;

    /** A box of the page (rules erased) on a white margin. */
    private static Pix padded(RuledLayout.Layout layout, RuledLayout.Box box, int margin) {
        return padded(layout.cleaned(), layout.width(), layout.height(), box, margin);
    }

    /** A box of an 8-bit page on a white margin. */
    private static Pix padded(byte[] src, int width, int height, RuledLayout.Box box, int margin) {
        int pw = box.width() + 2 * margin;
        int ph = box.height() + 2 * margin;
        byte[] out = new byte[pw * ph];
        java.util.Arrays.fill(out, (byte) 0xFF);
        int x0 = Math.max(0, box.x());
        int x1 = Math.min(width, box.right());
        for (int y = Math.max(0, box.y()); y < Math.min(height, box.bottom()) && x1 > x0; y++) {
            System.arraycopy(src, y * width + x0, out, (y - box.y() + margin) * pw + (x0 - box.x() + margin), x1 - x0);
        }
        return toPix(out, pw, ph);
    }

    /** The cell read again by the digits model when its text may be a misread number; else null. */
    private String numberOf(RuledLayout.Layout layout, String text, RuledLayout.Box cell) {
        if (!Digits.maybeNumber(text) || digits() == null) {
            return null;
        }
        RuledLayout.Box inner = inner(cell);
        if (inner.width() < 4 || inner.height() < 4) {
            return null;
        }
        Pix pix = padded(layout, inner, MARGIN);
        try {
            return joined(readNumber(pix));
        } finally {
            dispose(pix);
        }
    }

    /** A word of the last recognition: its box in the image, its text and Tesseract's confidence. */
    record Word(RuledLayout.Box box, String text, float confidence) {
    }

    /** The last recognition's words in reading order, without those less sure than {@code minConfidence}. */
    static List<Word> wordBoxes(TessBaseAPI api, int minConfidence) {
        List<Word> out = new ArrayList<>();
        ITessAPI.TessResultIterator it = TessAPI1.TessBaseAPIGetIterator(api);
        if (it == null) {
            return out;
        }
        try {
            ITessAPI.TessPageIterator page = TessAPI1.TessResultIteratorGetPageIterator(it);
            IntBuffer l = IntBuffer.allocate(1);
            IntBuffer t = IntBuffer.allocate(1);
            IntBuffer r = IntBuffer.allocate(1);
            IntBuffer b = IntBuffer.allocate(1);
            do {
                String word = utf8(TessAPI1.TessResultIteratorGetUTF8Text(it, ITessAPI.TessPageIteratorLevel.RIL_WORD));
                float conf = TessAPI1.TessResultIteratorConfidence(it, ITessAPI.TessPageIteratorLevel.RIL_WORD);
                if (!word.isBlank() && conf >= minConfidence && TessAPI1.TessPageIteratorBoundingBox(page,
                        ITessAPI.TessPageIteratorLevel.RIL_WORD, l.rewind(), t.rewind(), r.rewind(), b.rewind()) != 0) {
                    out.add(new Word(new RuledLayout.Box(l.get(0), t.get(0), r.get(0) - l.get(0), b.get(0) - t.get(0)),
                            word.strip(), conf));
                }
            } while (TessAPI1.TessPageIteratorNext(page, ITessAPI.TessPageIteratorLevel.RIL_WORD) != 0);
        } finally {
            TessAPI1.TessResultIteratorDelete(it);
        }
        return out;
    }

    private static String joined(List<RecognizedBlock> blocks) {
        StringBuilder sb = new StringBuilder();
        for (RecognizedBlock b : blocks) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(b.text().replace('\n', ' '));
        }
        return TextCleanup.clean(sb.toString());
    }

    /** The cell again, by the Arabic script model restricted to digits and number punctuation. */
    private List<RecognizedBlock> readNumber(Pix cell) {
        TesseractEngine numbers = digits();
        TessBaseAPI api = numbers.acquire();
        try {
            TessAPI1.TessBaseAPISetVariable(api, "tessedit_char_whitelist", Digits.WHITELIST);
            TessAPI1.TessBaseAPISetPageSegMode(api, ITessAPI.TessPageSegMode.PSM_SINGLE_LINE);
            TessAPI1.TessBaseAPISetImage2(api, cell);
            if (TessAPI1.TessBaseAPIRecognize(api, null) != 0) {
                return List.of();
            }
            return words(api, minWordConfidence);
        } finally {
            TessAPI1.TessBaseAPIClear(api);
            numbers.release(api);
        }
    }

    /** The digits engine (the {@code Arabic} script model), when its language data is installed. */
    private TesseractEngine digits() {
        TesseractEngine d = digits;
        if (d == null && digitsAvailable) {
            synchronized (this) {
                if (digits == null) {
                    if (Files.isRegularFile(Path.of(datapath, Digits.SCRIPT_MODEL + ".traineddata"))) {
                        digits = new TesseractEngine(datapath, Digits.SCRIPT_MODEL, maxIdle, minWordConfidence);
                    } else {
                        digitsAvailable = false;
                    }
                }
                d = digits;
            }
        }
        return d;
    }

    /** Fewer dark pixels than this in a cell is a speck, not text. */
    private static final int MIN_CELL_INK = 12;

    /** A block of the last recognition: its box in the image and its text (words over the confidence threshold). */
    record RecognizedBlock(RuledLayout.Box box, String text, float confidence) {
    }

    /**
     * The last recognition's blocks, their lines and words in Tesseract's reading order (right to left within an
     * Arabic line), without the words less sure than {@code minConfidence}; paragraphs separated by an empty line.
     */
    static List<RecognizedBlock> words(TessBaseAPI api, int minConfidence) {
        List<RecognizedBlock> blocks = new ArrayList<>();
        ITessAPI.TessResultIterator it = TessAPI1.TessBaseAPIGetIterator(api);
        if (it == null) {
            return blocks;
        }
        try {
            ITessAPI.TessPageIterator page = TessAPI1.TessResultIteratorGetPageIterator(it);
            StringBuilder text = null;
            RuledLayout.Box box = null;
            boolean lineHasWords = false;
            float confSum = 0;
            int confN = 0;
            IntBuffer l = IntBuffer.allocate(1);
            IntBuffer t = IntBuffer.allocate(1);
            IntBuffer r = IntBuffer.allocate(1);
            IntBuffer b = IntBuffer.allocate(1);
            do {
                if (TessAPI1.TessPageIteratorIsAtBeginningOf(page, ITessAPI.TessPageIteratorLevel.RIL_BLOCK) != 0) {
                    if (text != null && !text.toString().isBlank()) {
                        blocks.add(new RecognizedBlock(box, TextCleanup.clean(text.toString()), confSum / confN));
                    }
                    text = new StringBuilder();
                    confSum = 0;
                    confN = 0;
                    if (TessAPI1.TessPageIteratorBoundingBox(page, ITessAPI.TessPageIteratorLevel.RIL_BLOCK,
                            l.rewind(), t.rewind(), r.rewind(), b.rewind()) != 0) {
                        box = new RuledLayout.Box(l.get(0), t.get(0), r.get(0) - l.get(0), b.get(0) - t.get(0));
                    } else {
                        box = new RuledLayout.Box(0, 0, 0, 0);
                    }
                    lineHasWords = false;
                } else if (TessAPI1.TessPageIteratorIsAtBeginningOf(page, ITessAPI.TessPageIteratorLevel.RIL_PARA) != 0) {
                    text.append("\n\n");
                    lineHasWords = false;
                } else if (TessAPI1.TessPageIteratorIsAtBeginningOf(page, ITessAPI.TessPageIteratorLevel.RIL_TEXTLINE) != 0) {
                    text.append('\n');
                    lineHasWords = false;
                }
                String word = utf8(TessAPI1.TessResultIteratorGetUTF8Text(it, ITessAPI.TessPageIteratorLevel.RIL_WORD));
                float conf = TessAPI1.TessResultIteratorConfidence(it, ITessAPI.TessPageIteratorLevel.RIL_WORD);
                if (!word.isBlank() && conf >= minConfidence) {
                    if (lineHasWords) {
                        text.append(' ');
                    }
                    text.append(word.strip());
                    lineHasWords = true;
                    confSum += conf;
                    confN++;
                }
            } while (TessAPI1.TessPageIteratorNext(page, ITessAPI.TessPageIteratorLevel.RIL_WORD) != 0);
            if (text != null && !text.toString().isBlank()) {
                blocks.add(new RecognizedBlock(box, TextCleanup.clean(text.toString()), confSum / confN));
            }
        } finally {
            TessAPI1.TessResultIteratorDelete(it);
        }
        return blocks;
    }

    /** Whitens a box of an 8-bit page (a table, read apart from the text around it). */
    private static void blank(byte[] gray, int w, int h, RuledLayout.Box box) {
        for (int y = Math.max(0, box.y() - 3); y < Math.min(h, box.bottom() + 4); y++) {
            java.util.Arrays.fill(gray, y * w + Math.max(0, box.x() - 3), y * w + Math.min(w, box.right() + 4), (byte) 0xFF);
        }
    }

    private static String utf8(Pointer p) {
        if (p == null) {
            return "";
        }
        try {
            return p.getString(0, StandardCharsets.UTF_8.name());
        } finally {
            TessAPI1.TessDeleteText(p);
        }
    }

    /**
     * An 8-bit grey image as a Leptonica Pix, written straight into the Pix's buffer: Leptonica keeps
     * pixels in 32-bit words, most significant byte first, rows padded to whole words.
     */
    static Pix toPix(BufferedImage gray) {
        int w = gray.getWidth();
        int h = gray.getHeight();
        Pix pix = Leptonica1.pixCreateNoInit(w, h, 8);
        if (pix == null) {
            throw new OcrEngineException("Leptonica could not allocate a " + w + "x" + h + " page image");
        }
        int wpl = Leptonica1.pixGetWpl(pix);
        Pointer data = Leptonica1.pixGetData(pix).getPointer();
        byte[] row = new byte[wpl * 4];
        int[] words = new int[wpl];
        java.awt.image.Raster raster = gray.getRaster();
        for (int y = 0; y < h; y++) {
            raster.getDataElements(0, y, w, 1, row);
            for (int i = 0; i < wpl; i++) {
                int b = i * 4;
                words[i] = (row[b] & 0xFF) << 24 | (row[b + 1] & 0xFF) << 16 | (row[b + 2] & 0xFF) << 8 | (row[b + 3] & 0xFF);
            }
            data.write((long) y * wpl * 4, words, 0, wpl);
        }
        return pix;
    }

    /** An 8-bit grey page (row-major bytes) as a Leptonica Pix. */
    static Pix toPix(byte[] gray, int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setDataElements(0, 0, w, h, gray);
        return toPix(img);
    }

    /** An 8-bit Pix's pixels, row-major, one byte each. */
    static byte[] grayBytes(Pix pix) {
        int w = Leptonica1.pixGetWidth(pix);
        int h = Leptonica1.pixGetHeight(pix);
        int wpl = Leptonica1.pixGetWpl(pix);
        Pointer data = Leptonica1.pixGetData(pix).getPointer();
        int[] words = new int[wpl];
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            data.read((long) y * wpl * 4, words, 0, wpl);
            int o = y * w;
            for (int x = 0; x < w; x++) {
                out[o + x] = (byte) (words[x >> 2] >>> (24 - 8 * (x & 3)));
            }
        }
        return out;
    }

    private static void dispose(Pix pix) {
        PointerByReference ref = new PointerByReference(pix.getPointer());
        Leptonica1.pixDestroy(ref);
    }

    private TessBaseAPI acquire() {
        synchronized (idle) {
            if (closed) {
                throw new OcrEngineException("The OCR engine is shut down");
            }
            TessBaseAPI api = idle.pollFirst();
            if (api != null) {
                return api;
            }
        }
        TessBaseAPI api;
        try {
            api = TessAPI1.TessBaseAPICreate();
        } catch (Throwable e) {
            throw new OcrEngineException("The Tesseract library cannot be loaded (install tesseract-ocr): " + e.getMessage(), e);
        }
        if (TessAPI1.TessBaseAPIInit3(api, datapath, languages) != 0) {
            TessAPI1.TessBaseAPIDelete(api);
            throw new OcrEngineException("Tesseract cannot load the languages '" + languages + "' from " + datapath
                    + " (install tesseract-ocr-ara and tesseract-ocr-eng, or set TESSDATA_PREFIX)");
        }
        TessAPI1.TessBaseAPISetPageSegMode(api, ITessAPI.TessPageSegMode.PSM_AUTO);
        // Keeps Tesseract's warnings (e.g. "Image too small") out of the server's stdout.
        TessAPI1.TessBaseAPISetVariable(api, "debug_file", "/dev/null");
        return api;
    }

    private void release(TessBaseAPI api) {
        synchronized (idle) {
            if (!closed && idle.size() < maxIdle) {
                idle.addFirst(api);
                return;
            }
        }
        delete(api);
    }

    private static void delete(TessBaseAPI api) {
        TessAPI1.TessBaseAPIEnd(api);
        TessAPI1.TessBaseAPIDelete(api);
    }

    /** Frees the idle handles; handles in use are freed when their page is done. The engine is unusable afterwards. */
    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.forEach(TesseractEngine::delete);
            idle.clear();
        }
        if (digits != null) {
            digits.close();
        }
    }
}
