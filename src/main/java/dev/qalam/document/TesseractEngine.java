package dev.qalam.document;

import com.sun.jna.Pointer;
import dev.qalam.text.TextCleanup;
import com.sun.jna.ptr.PointerByReference;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
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
    private final Deque<TessBaseAPI> idle = new ArrayDeque<>();
    private boolean closed;

    public TesseractEngine(String datapath, String languages) {
        this(datapath, languages, Runtime.getRuntime().availableProcessors());
    }

    /** @param maxIdle how many initialised handles to keep between pages (the pages read at once) */
    public TesseractEngine(String datapath, String languages, int maxIdle) {
        this.datapath = Objects.requireNonNull(datapath);
        this.languages = Objects.requireNonNull(languages);
        this.maxIdle = Math.max(1, maxIdle);
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

    /** What one page gave: its text (cleaned) and the number of text lines the layout analysis found. */
    public record Recognition(String text, int lines, float skewDegrees) {
    }

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
        try {
            FloatBuffer angle = FloatBuffer.allocate(1);
            FloatBuffer confidence = FloatBuffer.allocate(1);
            // Reduction 2 finds the skew on a half-size binarised copy: the same angle, four times faster.
            deskewed = Leptonica1.pixFindSkewAndDeskew(pix, 2, angle, confidence);
            Pix input = deskewed == null ? pix : deskewed;
            if (dpi > 0) {
                Leptonica1.pixSetResolution(input, dpi, dpi);
            }
            TessAPI1.TessBaseAPISetImage2(api, input);
            if (dpi > 0) {
                TessAPI1.TessBaseAPISetSourceResolution(api, dpi);
            }
            if (TessAPI1.TessBaseAPIRecognize(api, null) != 0) {
                throw new OcrEngineException("Tesseract could not recognise the page");
            }
            String text = utf8(TessAPI1.TessBaseAPIGetUTF8Text(api));
            int lines = countLines(api);
            return new Recognition(TextCleanup.clean(text), lines, deskewed == null ? 0f : angle.get(0));
        } finally {
            TessAPI1.TessBaseAPIClear(api);
            if (deskewed != null) {
                dispose(deskewed);
            }
            dispose(pix);
        }
    }

    private static int countLines(TessBaseAPI api) {
        ITessAPI.TessResultIterator it = TessAPI1.TessBaseAPIGetIterator(api);
        if (it == null) {
            return 0;
        }
        int lines = 0;
        try {
            ITessAPI.TessPageIterator page = TessAPI1.TessResultIteratorGetPageIterator(it);
            do {
                String line = utf8(TessAPI1.TessResultIteratorGetUTF8Text(it, ITessAPI.TessPageIteratorLevel.RIL_TEXTLINE));
                if (!line.isBlank()) {
                    lines++;
                }
            } while (TessAPI1.TessPageIteratorNext(page, ITessAPI.TessPageIteratorLevel.RIL_TEXTLINE) != 0);
        } finally {
            TessAPI1.TessResultIteratorDelete(it);
        }
        return lines;
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
    }
}
