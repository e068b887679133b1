import dev.qalam.document.DocumentKind;
import dev.qalam.document.DocumentPageExtractor;
import dev.qalam.document.ExtractedPage;
import dev.qalam.document.TesseractEngine;
import dev.qalam.text.CharacterErrorRate;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * OCR throughput: born-digital pages (text layer) and scanned pages (Tesseract ara+eng) through Qalam's
 * DocumentPageExtractor, against the tesseract CLI on the very same 300 dpi page images. Prints pages/second,
 * per core and on all cores, the ratio to the CLI, and the character error rates of both.
 *
 * Run with bench/ocr/run.sh (OMP_THREAD_LIMIT=1, as the server runs).
 */
public class OcrBench {

    static final String FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    static final String[] ENGLISH = {
            "The quick brown fox jumps over the lazy dog near the river bank.",
            "Invoices are payable within thirty days of receipt of the goods.",
            "Please keep this document for your records and future reference.",
            "The committee will meet again on Monday to review the proposal.",
            "All deliveries must be signed for by an authorised member of staff."};
    static final String[] ARABIC = {
            "بسم الله الرحمن الرحيم",
            "مرحبا بكم في مدينة الرياض عاصمة المملكة",
            "هذا النص مكتوب باللغة العربية الفصحى",
            "نشكركم على حسن التعاون والاهتمام الدائم",
            "يرجى الاحتفاظ بهذه الوثيقة في السجلات"};

    public static void main(String[] args) throws Exception {
        int scanned = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int born = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int cores = Runtime.getRuntime().availableProcessors();
        String datapath = TesseractEngine.detectDatapath(Optional.empty());
        System.out.printf("cores=%d tessdata=%s OMP_THREAD_LIMIT=%s%n", cores, datapath, System.getenv("OMP_THREAD_LIMIT"));

        // Documents: A4 pages, English and Arabic halves alternating.
        List<String> truth = new ArrayList<>();
        List<BufferedImage> scans = new ArrayList<>();
        for (int i = 0; i < scanned; i++) {
            boolean arabic = i % 2 == 1;
            String[] lines = arabic ? ARABIC : ENGLISH;
            scans.add(scan(lines, arabic));
            truth.add(String.join("\n", lines));
        }
        byte[] scannedPdf = scannedPdf(scans);
        byte[] bornPdf = bornDigitalPdf(born);

        try (TesseractEngine engine = new TesseractEngine(datapath, "ara+eng")) {
            DocumentPageExtractor.Settings settings = DocumentPageExtractor.Settings.defaults();
            // Warm up: load the models on this thread, JIT the PDF code.
            extractAll(bornPdf, engine, settings, 1, List.of(1, 2));
            extractAll(scannedPdf, engine, settings, 1, List.of(1));

            List<Integer> bornPages = range(born);
            double t = extractAll(bornPdf, engine, settings, 1, bornPages).seconds;
            double tNoImg = extractAll(bornPdf, engine, settings.withoutImages(), 1, bornPages).seconds;
            System.out.printf("born-digital: %.1f pages/s per core with page images + thumbnails, %.1f pages/s text only%n",
                    born / t, born / tNoImg);

            List<Integer> scanPages = range(scanned);
            Run one = extractAll(scannedPdf, engine, settings, 1, scanPages);
            Run oneOcrOnly = extractAll(scannedPdf, engine, settings.withoutImages(), 1, scanPages);
            Run all = extractAll(scannedPdf, engine, settings, cores, scanPages);
            double cerOurs = meanCer(truth, one.texts);

            // The CLI on the very page images the extractor OCRs (300 dpi renders of the scanned PDF), each
            // page read by both in turn so that both see the same load on a shared machine.
            Path dir = Files.createTempDirectory("ocrbench");
            List<Path> images = new ArrayList<>();
            List<byte[]> pngs = new ArrayList<>();
            try (PDDocument doc = Loader.loadPDF(scannedPdf)) {
                PDFRenderer r = new PDFRenderer(doc);
                for (int i = 0; i < scanned; i++) {
                    Path p = dir.resolve("page" + (i + 1) + ".png");
                    ImageIO.write(r.renderImageWithDPI(i, 300, ImageType.GRAY), "png", p.toFile());
                    images.add(p);
                    pngs.add(Files.readAllBytes(p));
                }
            }
            cli(images.get(0), datapath);
            double oursSeconds = 0;
            double cliSeconds = 0;
            List<String> oursTexts = new ArrayList<>();
            List<String> cliTexts = new ArrayList<>();
            for (int i = 0; i < scanned; i++) {
                long t0 = System.nanoTime();
                try (DocumentPageExtractor x = DocumentPageExtractor.open(new ByteArrayInputStream(pngs.get(i)), DocumentKind.PNG,
                        engine, settings.withoutImages())) {
                    oursTexts.add(x.extract(1).text());
                }
                long t1 = System.nanoTime();
                cliTexts.add(cli(images.get(i), datapath));
                long t2 = System.nanoTime();
                oursSeconds += (t1 - t0) / 1e9;
                cliSeconds += (t2 - t1) / 1e9;
            }
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());

            double fullPerCore = scanned / one.seconds;
            double pdfOcrOnly = scanned / oneOcrOnly.seconds;
            double oursPerCore = scanned / oursSeconds;
            double cliPerCore = scanned / cliSeconds;
            System.out.printf("scanned PDF (A4, 300 dpi, ara+eng): %.2f pages/s per core full pipeline (render, deskew, OCR, page image, "
                    + "thumbnail), %.2f pages/s per core without the images, %.2f pages/s on %d cores%n",
                    fullPerCore, pdfOcrOnly, scanned / all.seconds, cores);
            System.out.printf("same page images (PNG in, text out): Qalam %.2f pages/s per core, tesseract CLI %.2f pages/s per core, "
                    + "ratio %.2f%n", oursPerCore, cliPerCore, oursPerCore / cliPerCore);
            System.out.printf("mean CER: Qalam %.4f (PDF pipeline %.4f), CLI %.4f%n", meanCer(truth, oursTexts), cerOurs, meanCer(truth, cliTexts));
        }
    }

    record Run(double seconds, List<String> texts) {
    }

    static Run extractAll(byte[] pdf, TesseractEngine engine, DocumentPageExtractor.Settings settings, int threads,
                          List<Integer> pages) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<List<String>>> parts = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                parts.add(pool.submit(() -> {
                    List<String> texts = new ArrayList<>();
                    try (DocumentPageExtractor x = DocumentPageExtractor.open(new ByteArrayInputStream(pdf), DocumentKind.PDF, engine, settings)) {
                        for (int i = worker; i < pages.size(); i += threads) {
                            ExtractedPage p = x.extract(pages.get(i));
                            texts.add(p.text());
                        }
                    }
                    return texts;
                }));
            }
            List<String> texts = new ArrayList<>();
            for (Future<List<String>> f : parts) {
                texts.addAll(f.get());
            }
            return new Run((System.nanoTime() - t0) / 1e9, texts);
        } finally {
            pool.shutdown();
        }
    }

    static String cli(Path image, String datapath) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("tesseract", image.toString(), "stdout", "-l", "ara+eng", "--tessdata-dir", datapath);
        pb.environment().put("OMP_THREAD_LIMIT", "1");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("tesseract failed on " + image);
        }
        return out;
    }

    static double meanCer(List<String> truth, List<String> texts) {
        double sum = 0;
        for (int i = 0; i < truth.size(); i++) {
            sum += CharacterErrorRate.of(truth.get(i), texts.get(i));
        }
        return sum / truth.size();
    }

    static List<Integer> range(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            l.add(i);
        }
        return l;
    }

    /** An A4 page at 300 dpi with the lines set in 14 pt, as a scanner would deliver it. */
    static BufferedImage scan(String[] lines, boolean rtl) throws Exception {
        int w = 2480;
        int h = 3508;
        Font font = Font.createFont(Font.TRUETYPE_FONT, new File(FONT)).deriveFont(14f * 300 / 72);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        FontRenderContext frc = g.getFontRenderContext();
        int y = 300;
        for (String line : lines) {
            TextLayout layout = new TextLayout(line, font, frc);
            layout.draw(g, rtl ? (float) (w - 200 - layout.getAdvance()) : 200f, y);
            y += 110;
        }
        g.dispose();
        return img;
    }

    static byte[] scannedPdf(List<BufferedImage> scans) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            for (BufferedImage img : scans) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(LosslessFactory.createFromImage(doc, img), 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] bornDigitalPdf(int pages) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font = PDType0Font.load(doc, new File(FONT));
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 11);
                    cs.newLineAtOffset(60, 780);
                    for (int l = 0; l < 45; l++) {
                        cs.showText(ENGLISH[l % ENGLISH.length]);
                        cs.newLineAtOffset(0, -16);
                    }
                    cs.endText();
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
