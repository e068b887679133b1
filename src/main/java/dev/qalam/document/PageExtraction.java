package dev.qalam.document;

import dev.qalam.platform.config.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The server's one OCR engine and its concurrency limit: however many jobs, partitions and features (OCR
 * jobs, retrieval ingestion) read pages, at most {@code QALAM_OCR_PARALLELISM} pages are extracted at once,
 * so that pages do not fight over the cores, nor over the heap (the sizing rule in docs/ocr.md counts on it).
 */
@ApplicationScoped
public class PageExtraction {

    private static final Logger LOG = Logger.getLogger(PageExtraction.class.getName());

    @Inject
    DocumentConfig config;

    @Inject
    DataDirectory data;

    private TesseractEngine engine;
    private Semaphore permits;
    private DocumentPageExtractor.Settings settings;
    private volatile long probedOkUntil;

    @PostConstruct
    void init() {
        String datapath = TesseractEngine.detectDatapath(config.tessdata());
        engine = new TesseractEngine(datapath, config.languages(), config.parallelism());
        permits = new Semaphore(config.parallelism(), true);
        Path workDir = data.folder("tmp");
        removeLeftovers(workDir);
        settings = new DocumentPageExtractor.Settings(config.ocrDpi(), config.imageDpi(), config.thumbnailWidth(), true,
                config.limits(), workDir);
        LOG.info(() -> "OCR: Tesseract " + config.languages() + " from " + datapath + ", " + config.parallelism()
                + " page(s) at a time, at most " + config.limits().maxDecodedMb() + " MB decoded per image or page");
    }

    @PreDestroy
    void close() {
        engine.close();
    }

    /** How many pages this server extracts at once. */
    public int parallelism() {
        return config.parallelism();
    }

    /** The settings documents are opened with (page images included). */
    public DocumentPageExtractor.Settings settings() {
        return settings;
    }

    public DocumentPageExtractor open(InputStream in, DocumentKind kind) throws InvalidDocumentException {
        return DocumentPageExtractor.open(in, kind, engine, settings);
    }

    /** Opens a document with other settings (without page images, for instance). */
    public DocumentPageExtractor open(InputStream in, DocumentKind kind, DocumentPageExtractor.Settings settings)
            throws InvalidDocumentException {
        return DocumentPageExtractor.open(in, kind, engine, settings);
    }

    /**
     * Extracts a page once a slot is free. A refusal's message is for the client; what the parser said is
     * logged here.
     */
    public ExtractedPage extract(DocumentPageExtractor extractor, int pageNum) throws InvalidDocumentException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OcrEngineException("Interrupted while waiting for the OCR engine", e);
        }
        try {
            return extractor.extract(pageNum);
        } catch (InvalidDocumentException e) {
            LOG.log(Level.INFO, () -> "Page " + pageNum + " refused (" + e.code() + "): " + e.getMessage()
                    + (e.getCause() == null ? "" : " [" + e.getCause() + "]"));
            throw e;
        } catch (OcrEngineException e) {
            LOG.log(Level.WARNING, "The OCR engine failed on page " + pageNum + ": " + e.detail(), e);
            throw e;
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
        } catch (OcrEngineException e) {
            LOG.log(Level.WARNING, "The OCR engine cannot be loaded: " + e.detail());
            throw e;
        }
        probedOkUntil = System.currentTimeMillis() + 60_000;
    }

    /** Temporary copies that a stopped server left behind (a day old: nothing still reads them). */
    private static void removeLeftovers(Path dir) {
        Instant before = Instant.now().minus(Duration.ofDays(1));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "qalam-*.tmp")) {
            for (Path f : files) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(before)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "Could not clean " + dir, e);
        }
    }
}
