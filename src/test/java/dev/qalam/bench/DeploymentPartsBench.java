package dev.qalam.bench;

import com.sun.net.httpserver.HttpServer;
import dev.qalam.deployment.content.ContentSettings;
import dev.qalam.deployment.content.PageSelection;
import dev.qalam.deployment.content.UrlContentReader;
import dev.qalam.deployment.content.UrlPart;
import dev.qalam.deployment.ratelimit.RateLimitRequest;
import dev.qalam.deployment.ratelimit.RateLimitSettings;
import dev.qalam.deployment.ratelimit.RateLimiter;
import dev.qalam.deployment.ratelimit.TeamQuota;
import dev.qalam.platform.net.FetchSettings;
import dev.qalam.platform.net.SafeFetcher;
import dev.qalam.platform.net.TrustedProxies;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * Cost of the Deployment API's building blocks: one rate-limit check (in process and on Redis, one and several
 * threads), fetching a document from a local server through the safe fetcher, and reading url content parts
 * (PDF text and page images, HTML text and page image). Run by {@code bench/deployment-parts/run.sh}; Redis keys
 * live under {@code qalam-bench:<run>:} and are deleted at the end.
 */
public final class DeploymentPartsBench {

    private static final String REDIS = Optional.ofNullable(System.getenv("QALAM_TEST_REDIS_URL"))
            .orElse("redis://127.0.0.1:6379/0");
    private static final String PREFIX = "qalam-bench:" + UUID.randomUUID() + ":";

    private DeploymentPartsBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.printf("%d cores%n%n%-44s %10s %10s %12s%n", Runtime.getRuntime().availableProcessors(),
                "what", "p50 ms", "p99 ms", "per second");
        rateLimits();
        content();
    }

    private static void rateLimits() throws Exception {
        for (boolean redis : new boolean[] {false, true}) {
            RateLimitSettings s = new RateLimitSettings(1_000_000_000, 1_000_000_000, Duration.ofSeconds(60), 1_000_000_000,
                    Duration.ofDays(1), TrustedProxies.none(), redis ? Optional.of(REDIS) : Optional.empty(), PREFIX,
                    100_000);
            try (RateLimiter limiter = RateLimiter.create(s)) {
                for (int threads : redis ? new int[] {1, 4} : new int[] {1, 2}) {
                    int n = redis ? 5_000 : 200_000;
                    int[] i = {0};
                    measure("rate limit check, " + (redis ? "Redis" : "in process") + ", " + threads + " thread(s)",
                            threads, n, () -> {
                                int k;
                                synchronized (i) {
                                    k = i[0]++;
                                }
                                return () -> limiter.acquire(new RateLimitRequest("198.51.100." + (k % 200), "team",
                                        "dep" + (k % 10), TeamQuota.trialDefault()));
                            });
                }
            }
        }
        RedisClient client = RedisClient.create(REDIS);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = c.sync().scan(cursor, ScanArgs.Builder.matches(PREFIX + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    c.sync().del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }

    private static void content() throws Exception {
        byte[] pdf = pdf(10);
        byte[] big = new byte[1024 * 1024];
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        server.createContext("/", ex -> {
            try (ex) {
                ex.getResponseHeaders().add("Content-Type", "application/pdf");
                byte[] body = ex.getRequestURI().getPath().equals("/big") ? big : pdf;
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
        });
        server.start();
        String origin = "127.0.0.1:" + server.getAddress().getPort();
        try (SafeFetcher fetcher = new SafeFetcher(FetchSettings.defaults().withAllowHosts(Set.of(origin)))) {
            measure("fetch 1 MB from a local server (allow-listed)", 1, 300,
                    () -> () -> fetcher.fetch("http://" + origin + "/big"));
            UrlContentReader reader = new UrlContentReader(ContentSettings.defaults(), fetcher);
            String data = "data:application/pdf;base64," + Base64.getEncoder().encodeToString(pdf);
            measure("PDF data: URL, 10 pages of text", 1, 100, () -> () -> reader.read(UrlPart.of(data)));
            measure("PDF over HTTP, 10 pages of text", 1, 100,
                    () -> () -> reader.read(UrlPart.of("http://" + origin + "/doc.pdf")));
            UrlPart shots = new UrlPart(data, Optional.empty(), Optional.of(PageSelection.parse("1-2")), true);
            measure("PDF, 2 pages of text + page images (110 dpi)", 1, 20, () -> () -> reader.read(shots));
            String html = html(200);
            String htmlUrl = "data:text/html;base64," + Base64.getEncoder().encodeToString(html.getBytes("UTF-8"));
            measure("HTML, 200 paragraphs: text", 1, 200, () -> () -> reader.read(UrlPart.of(htmlUrl)));
            UrlPart htmlShot = new UrlPart(htmlUrl, Optional.empty(), Optional.empty(), true);
            measure("HTML, 200 paragraphs: text + page image", 1, 20, () -> () -> reader.read(htmlShot));
        } finally {
            server.stop(0);
        }
    }

    /** Runs {@code n} operations on {@code threads} threads after a warm-up of a fifth as many; prints latency. */
    private static void measure(String what, int threads, int n, Supplier<Callable<?>> next) throws Exception {
        for (int i = 0; i < Math.max(1, n / 5); i++) {
            next.get().call();
        }
        long[] nanos = new long[n];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int[] index = {0};
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (true) {
                    int k;
                    synchronized (index) {
                        if (index[0] >= n) {
                            return null;
                        }
                        k = index[0]++;
                    }
                    Callable<?> op = next.get();
                    long t0 = System.nanoTime();
                    op.call();
                    nanos[k] = System.nanoTime() - t0;
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        Arrays.sort(nanos);
        System.out.printf("%-44s %10.3f %10.3f %12.0f%n", what, nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6,
                n / seconds);
    }

    private static byte[] pdf(int pages) throws Exception {
        try (PDDocument doc = new PDDocument()) {
            PDType0Font font = PDType0Font.load(doc, new java.io.File("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"));
            for (int p = 1; p <= pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 11);
                    cs.newLineAtOffset(60, 780);
                    for (int line = 0; line < 45; line++) {
                        cs.showText("Page " + p + ", line " + line + ": the quarterly report describes revenue and costs.");
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

    private static String html(int paragraphs) {
        StringBuilder s = new StringBuilder("<html><head><title>Report</title></head><body><h1>التقرير — Report</h1>");
        for (int i = 0; i < paragraphs; i++) {
            s.append(i % 2 == 0 ? "<p>Paragraph " + i + ": revenue grew in Riyadh and Jeddah this quarter.</p>"
                    : "<p dir=\"rtl\">الفقرة " + i + ": ارتفعت الإيرادات في الرياض وجدة هذا الربع.</p>");
        }
        return s.append("</body></html>").toString();
    }
}
