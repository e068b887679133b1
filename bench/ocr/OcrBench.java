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

            // Harder scans, each kind read as a PNG upload is: CER in reading order, and seconds a page.
            kind(engine, settings, "plain (English + Arabic, 300 dpi)", List.of(
                    new Page(scan(ENGLISH, false), String.join("\n", ENGLISH)),
                    new Page(scan(ARABIC, true), String.join("\n", ARABIC))));
            String[] left = {ARABIC[0], ARABIC[1], ARABIC[2]};
            String[] right = {ARABIC[3], ARABIC[4], ARABIC[1]};
            kind(engine, settings, "two columns (Arabic, 150 dpi, noise)", List.of(
                    new Page(noisy(twoColumns(left, right, true, 150), 0.0005), String.join("\n", left) + "\n" + String.join("\n", right))));
            kind(engine, settings, "ruled table (Arabic-Indic digits 200 dpi, skew + noise + JPEG; English 300 dpi)", List.of(
                    new Page(jpegged(noisy(table(ARABIC_TABLE, true, 200, 0.8), 0.001)), tableText(ARABIC_TABLE)),
                    new Page(noisy(table(ENGLISH_TABLE, false, 300, -0.5), 0.001), tableText(ENGLISH_TABLE))));
            kind(engine, settings, "low resolution (Arabic 10 pt, 100 dpi)", List.of(
                    new Page(lowRes(ARABIC, 100), String.join("\n", ARABIC))));
        }
    }

    record Page(BufferedImage image, String truth) {
    }

    static void kind(TesseractEngine engine, DocumentPageExtractor.Settings settings, String name, List<Page> pages) throws Exception {
        double cer = 0;
        double seconds = 0;
        for (Page p : pages) {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(p.image(), "png", png);
            long t0 = System.nanoTime();
            String text;
            try (DocumentPageExtractor x = DocumentPageExtractor.open(new ByteArrayInputStream(png.toByteArray()), DocumentKind.PNG,
                    engine, settings.withoutImages())) {
                text = x.extract(1).text();
            }
            seconds += (System.nanoTime() - t0) / 1e9;
            cer += CharacterErrorRate.of(p.truth(), text);
        }
        System.out.printf("CER %-85s %.4f  (%.2f s a page)%n", name, cer / pages.size(), seconds / pages.size());
    }

    static final String[][] ARABIC_TABLE = {
            {"الصنف", "الكمية", "السعر"}, {"أرز بسمتي", "٥", "١٢٠"}, {"زيت زيتون", "٢", "٨٥"},
            {"سكر أبيض", "١٠", "٤٥"}, {"شاي أخضر", "٣", "٣٠"}};
    static final String[][] ENGLISH_TABLE = {
            {"Item", "Quantity", "Price"}, {"Basmati rice", "5", "120"}, {"Olive oil", "2", "85"},
            {"White sugar", "10", "45"}, {"Green tea", "3", "30"}};

    /** A table in reading order: a row a line, cells separated by " | " (the page text Qalam gives). */
    static String tableText(String[][] rows) {
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(String.join(" | ", r)).append('\n');
        }
        return sb.toString().strip();
    }

    static Font font(float pt, int dpi) throws Exception {
        return Font.createFont(Font.TRUETYPE_FONT, new File(FONT)).deriveFont(pt * dpi / 72);
    }

    static BufferedImage blank(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    static Graphics2D pen(BufferedImage img, double skewDegrees) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (skewDegrees != 0) {
            g.rotate(Math.toRadians(skewDegrees), img.getWidth() / 2.0, img.getHeight() / 2.0);
        }
        g.setColor(Color.BLACK);
        return g;
    }

    /** A ruled three-column table, 12 pt, cells right to left when rtl. */
    static BufferedImage table(String[][] rows, boolean rtl, int dpi, double skew) throws Exception {
        Font f = font(12, dpi);
        int[] colW = {(int) (2.2 * dpi), dpi, dpi};
        int rowH = (int) (0.4 * dpi);
        int w = (int) (5.4 * dpi);
        int h = dpi + rowH * rows.length;
        BufferedImage img = blank(w, h);
        Graphics2D g = pen(img, skew);
        FontRenderContext frc = g.getFontRenderContext();
        int top = dpi / 2;
        int tw = colW[0] + colW[1] + colW[2];
        int left = rtl ? w - dpi / 2 - tw : dpi / 2;
        g.setStroke(new java.awt.BasicStroke(Math.max(1.5f, dpi / 144f)));
        for (int r = 0; r <= rows.length; r++) {
            g.drawLine(left, top + r * rowH, left + tw, top + r * rowH);
        }
        int x = left;
        g.drawLine(x, top, x, top + rows.length * rowH);
        for (int c = 0; c < 3; c++) {
            x += colW[rtl ? 2 - c : c];
            g.drawLine(x, top, x, top + rows.length * rowH);
        }
        for (int r = 0; r < rows.length; r++) {
            int cx = rtl ? left + tw : left;
            for (int c = 0; c < 3; c++) {
                TextLayout tl = new TextLayout(rows[r][c], f, frc);
                tl.draw(g, rtl ? (float) (cx - dpi / 10 - tl.getAdvance()) : cx + dpi / 10f, top + r * rowH + rowH * 0.68f);
                cx += rtl ? -colW[c] : colW[c];
            }
        }
        g.dispose();
        return img;
    }

    /** Two columns, each as wide as its longest line; the first in reading order on the right when rtl. */
    static BufferedImage twoColumns(String[] first, String[] second, boolean rtl, int dpi) throws Exception {
        Font f = font(12, dpi);
        FontRenderContext measure = new FontRenderContext(null, true, true);
        int widest = 0;
        for (String l : first) {
            widest = Math.max(widest, (int) Math.ceil(new TextLayout(l, f, measure).getAdvance()));
        }
        for (String l : second) {
            widest = Math.max(widest, (int) Math.ceil(new TextLayout(l, f, measure).getAdvance()));
        }
        int colW = widest + dpi / 10;
        int gap = dpi / 3;
        int margin = dpi / 2;
        int lineH = Math.round(f.getSize2D() * 1.8f);
        BufferedImage img = blank(2 * margin + 2 * colW + gap, 2 * margin + lineH * Math.max(first.length, second.length));
        Graphics2D g = pen(img, 0);
        FontRenderContext frc = g.getFontRenderContext();
        for (int col = 0; col < 2; col++) {
            String[] lines = col == 0 ? first : second;
            int colLeft = (col == 0) == rtl ? margin + colW + gap : margin;
            int y = margin + lineH;
            for (String line : lines) {
                TextLayout tl = new TextLayout(line, f, frc);
                tl.draw(g, rtl ? (float) (colLeft + colW - tl.getAdvance()) : colLeft, y);
                y += lineH;
            }
        }
        g.dispose();
        return img;
    }

    /** Lines of 10 pt text at a low scanning resolution. */
    static BufferedImage lowRes(String[] lines, int dpi) throws Exception {
        Font f = font(10, dpi);
        int lineH = Math.round(f.getSize2D() * 1.8f);
        BufferedImage img = blank((int) (6 * dpi), dpi + lineH * lines.length);
        Graphics2D g = pen(img, 0);
        FontRenderContext frc = g.getFontRenderContext();
        int y = dpi / 2 + lineH;
        for (String line : lines) {
            TextLayout tl = new TextLayout(line, f, frc);
            tl.draw(g, (float) (img.getWidth() - dpi / 2 - tl.getAdvance()), y);
            y += lineH;
        }
        g.dispose();
        return img;
    }

    static BufferedImage noisy(BufferedImage img, double share) {
        java.util.Random random = new java.util.Random(42);
        long n = (long) (img.getWidth() * (long) img.getHeight() * share);
        for (long i = 0; i < n; i++) {
            img.setRGB(random.nextInt(img.getWidth()), random.nextInt(img.getHeight()), random.nextBoolean() ? 0 : 0xFFFFFF);
        }
        return img;
    }

    static BufferedImage jpegged(BufferedImage img) throws Exception {
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            javax.imageio.ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(0.75f);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
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
