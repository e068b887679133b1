package dev.qalam.document;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;

/**
 * The server's one OCR engine and its concurrency limit: however many jobs, partitions and features (OCR
 * jobs, retrieval ingestion) read pages, at most {@code QALAM_OCR_PARALLELISM} pages are extracted at once,
 * so that pages do not fight over the cores (or over the heap: see the sizing rule in docs/ocr.md).
 */
@ApplicationScoped
public class PageExtraction {

    private static final Logger LOG = Logger.getLogger(PageExtraction.class.getName());

    @Inject
    DocumentConfig config;

    private TesseractEngine engine;
    private Semaphore permits;
    private DocumentPageExtractor.Settings settings;
    private volatile long probedOkUntil;

    @PostConstruct
    void init() {
        String datapath = TesseractEngine.detectDatapath(config.tessdata());
        engine = new TesseractEngine(datapath, config.languages(), config.parallelism());
        permits = new Semaphore(config.parallelism(), true);
        settings = new DocumentPageExtractor.Settings(config.ocrDpi(), config.imageDpi(), config.thumbnailWidth(), true,
                DocumentPageExtractor.Settings.defaults().maxPixels());
        LOG.info(() -> "OCR: Tesseract " + config.languages() + " from " + datapath + ", " + config.parallelism()
                + " page(s) at a time");
    }

    /** How many pages this server extracts at once. */
    public int parallelism() {
        return config.parallelism();
    }

    @PreDestroy
    void close() {
        engine.close();
    }

    public DocumentPageExtractor open(InputStream in, DocumentKind kind) throws InvalidDocumentException {
        return DocumentPageExtractor.open(in, kind, engine, settings);
    }

    /** Extracts a page once a slot is free. */
    public ExtractedPage extract(DocumentPageExtractor extractor, int pageNum) throws InvalidDocumentException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrEngineException("Interrupted while waiting for the OCR engine", e);
        }
        try {
            return extractor.extract(pageNum);
        } finally {
            permits.release();
        }
    }

    /**
     * Whether the engine can be loaded at all (library and language data), checked on a throw-away handle
     * so that no request thread keeps one; a success is remembered for a minute.
     */
    public void probe() {
        if (System.currentTimeMillis() < probedOkUntil) {
            return;
        }
        try (TesseractEngine probe = new TesseractEngine(engine.datapath(), engine.languages(), 1)) {
            probe.check();
        }
        probedOkUntil = System.currentTimeMillis() + 60_000;
    }
}
