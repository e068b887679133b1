package dev.qalam.deployment.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import net.sourceforge.tess4j.Tesseract;
import net.sourceforge.tess4j.TesseractException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Web pages drawn without a browser: Arabic comes out as real, shaped glyphs in reading order (read back by
 * Tesseract), nothing outside the page is ever fetched, and big pages stay bounded.
 */
class HtmlRendererTest {

    static final HtmlRenderer renderer = new HtmlRenderer(ContentSettings.defaults());

    static BufferedImage render(String html, String baseUri) {
        try {
            return ImageIO.read(new ByteArrayInputStream(renderer.png(Jsoup.parse(html, baseUri))));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String ocr(BufferedImage image, String languages) {
        Tesseract t = new Tesseract();
        for (String dir : List.of("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata")) {
            if (new File(dir, "ara.traineddata").isFile()) {
                t.setDatapath(dir);
            }
        }
        t.setLanguage(languages);
        // Grey bytes straight to Tesseract: the BufferedImage route needs a TIFF writer this project leaves out.
        BufferedImage grey = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        byte[] pixels = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        ByteBuffer buffer = ByteBuffer.allocateDirect(pixels.length).put(pixels);
        buffer.flip();
        try {
            return t.doOCR(grey.getWidth(), grey.getHeight(), buffer, null, 8)
                    .replaceAll("[\\u200e\\u200f\\u202a-\\u202e]", "").strip();
        } catch (TesseractException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void arabicIsShapedAndInReadingOrderEvenInAFontTheServerLacks() {
        BufferedImage img = render("""
                <html dir="rtl"><body style="font-family: Arial, sans-serif; font-size: 40px">
                <p>مرحبا بالعالم</p><p>التقرير السنوي</p></body></html>""", "");
        assertEquals(1024, img.getWidth());
        String text = ocr(img, "ara");
        assertTrue(text.contains("مرحبا بالعالم") && text.contains("التقرير السنوي"), text);
    }

    @Test
    void englishToo() {
        String text = ocr(render("<p style='font-size:32px'>Quarterly revenue grew by twelve percent.</p>", ""), "eng");
        assertTrue(text.contains("Quarterly revenue grew by twelve percent."), text);
    }

    @Test
    void nothingOutsideThePageIsFetchedButDataImagesAreDrawn() throws IOException {
        List<String> hits = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
        server.createContext("/", ex -> {
            hits.add(ex.getRequestURI().toString());
            try (ex) {
                ex.sendResponseHeaders(404, -1);
            }
        });
        server.start();
        try {
            String origin = "http://127.0.0.1:" + server.getAddress().getPort();
            BufferedImage img = render("""
                    <html><head><link rel="stylesheet" href="/site.css">
                    <style>@import url("%s/import.css");
                    @font-face { font-family: X; src: url(/x.ttf) }
                    body { background: url(/bg.png) } </style></head>
                    <body style="margin:0"><img src="/logo.png"><img src="file:///etc/hostname"><iframe src="/frame"></iframe>
                    <object data="/obj"></object><img src="%s"></body></html>"""
                    .formatted(origin, redSquare()), origin + "/page.html");
            assertEquals(List.of(), hits, "the renderer fetched nothing");
            assertEquals(new Color(255, 0, 0).getRGB(), img.getRGB(20, 20) | 0xff000000, "the data: image is drawn");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void hugePagesAreCutAndBounded() {
        StringBuilder html = new StringBuilder("<body>");
        for (int i = 0; i < 50_000; i++) {
            html.append("<p>paragraph ").append(i).append("</p>");
        }
        Document doc = Jsoup.parse(html.toString());
        Document cut = HtmlRenderer.forRendering(doc, 100, 1_000_000);
        assertEquals(100, cut.select("*").size() - 1, "html, head, body and 97 paragraphs");
        assertEquals("paragraph 96", cut.body().child(96).text());
        cut = HtmlRenderer.forRendering(doc, 100_000, 1000);
        assertEquals("paragraph 0", cut.body().child(0).text());
        assertTrue(cut.body().text().length() < 1100, cut.body().text().length() + " characters kept");
        assertEquals(50_000, doc.body().childrenSize(), "the page itself is untouched");

        BufferedImage img = render(html.toString(), "");
        assertEquals(1024, img.getWidth());
        assertTrue(img.getHeight() > 1500 && img.getHeight() <= 1600, "a full image: " + img.getHeight());
    }

    static String redSquare() throws IOException {
        BufferedImage red = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = red.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 100);
        g.dispose();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ImageIO.write(red, "png", out);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
