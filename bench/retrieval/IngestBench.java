import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingestion throughput of a running Qalam server, end to end over HTTP (bench/retrieval/README.md): it
 * uploads generated documents (pre-extracted JSON pages and Markdown files, half Arabic) into a new
 * collection, polls until every one is ready, and prints pages per second from the first upload to the
 * last document ready. Extraction, chunking, embedding (the configured model) and indexing are all inside.
 *
 * <p>Usage: QALAM_URL=http://localhost:9080 QALAM_KEY=... java IngestBench.java [documents] [pages each]
 */
public final class IngestBench {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ID = Pattern.compile("\"(?:id|collection_id)\"\\s*:\\s*\"([0-9a-f]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(\\w+)\"");

    private static final String[] EN = ("the council approved a new budget for schools roads and water supply while "
            + "the harbour expanded its container terminal and farmers reported a record harvest of wheat and dates "
            + "engineers inspected the bridge before the winter storms and the museum opened a gallery of old maps").split(" ");
    private static final String[] AR = ("وافق المجلس على ميزانية جديدة للمدارس والطرق وإمدادات المياه بينما وسع الميناء "
            + "محطة الحاويات وأعلن المزارعون عن محصول قياسي من القمح والتمور وفحص المهندسون الجسر قبل عواصف الشتاء "
            + "وافتتح المتحف معرضا للخرائط القديمة").split(" ");

    public static void main(String[] args) throws Exception {
        String base = System.getenv().getOrDefault("QALAM_URL", "http://localhost:9080");
        String key = System.getenv("QALAM_KEY");
        if (key == null) {
            throw new IllegalStateException("Set QALAM_KEY to a key with the alretrieval scope");
        }
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int pagesEach = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Random random = new Random(7);
        String collection = match(ID, send(base, key, "POST", "/v1/alRetrieval/collections", null, ""));
        String path = "/v1/alRetrieval/collections/" + collection;

        long chars = 0;
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        for (int d = 0; d < docs; d++) {
            String[] words = d % 2 == 0 ? EN : AR;
            List<String> pages = new ArrayList<>();
            for (int p = 0; p < pagesEach; p++) {
                pages.add(page(words, random));
                chars += pages.get(p).length();
            }
            if (d % 4 < 2) {
                StringBuilder json = new StringBuilder("{\"title\":\"Report " + d + "\",\"filename\":\"r" + d + ".json\",\"pages\":[");
                for (int p = 0; p < pages.size(); p++) {
                    json.append(p == 0 ? "" : ",").append('"').append(pages.get(p)).append('"');
                }
                ids.add(match(ID, send(base, key, "POST", path + "/documents/ingest", "application/json", json.append("]}").toString())));
            } else {
                // Markdown is one page whatever its length: the same text as one file with a heading per page.
                StringBuilder md = new StringBuilder();
                for (int p = 0; p < pages.size(); p++) {
                    md.append("## Section ").append(p + 1).append("\n\n").append(pages.get(p)).append("\n\n");
                }
                ids.add(match(ID, upload(base, key, path + "/documents/ingest", "notes" + d + ".md", md.toString())));
            }
        }
        double uploaded = (System.nanoTime() - start) / 1e9;
        for (String id : ids) {
            while (true) {
                String s = match(STATUS, send(base, key, "GET", path + "/documents/" + id + "/status", null, null));
                if (s.equals("ready")) {
                    break;
                }
                if (s.equals("error")) {
                    throw new IllegalStateException("document " + id + " failed");
                }
                Thread.sleep(100);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int pages = docs * pagesEach;
        System.out.printf("Ingestion: %d documents, %d pages of text (%d characters, half Arabic), %s%n", docs, pages, chars, base);
        System.out.printf("uploads took %.1f s; all ready after %.1f s%n", uploaded, seconds);
        System.out.printf("throughput: %.1f pages/s, %.0f characters/s%n", pages / seconds, chars / seconds);
        send(base, key, "DELETE", path, null, null);
    }

    private static String page(String[] words, Random random) {
        StringBuilder sb = new StringBuilder();
        for (int s = 0; s < 12; s++) {
            int n = 8 + random.nextInt(10);
            for (int w = 0; w < n; w++) {
                sb.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
            }
            sb.append(". ");
        }
        return sb.toString().strip();
    }

    private static String match(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("unexpected answer: " + body);
        }
        return m.group(1);
    }

    private static String send(String base, String key, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key);
        if (type != null) {
            b.header("Content-Type", type);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static String upload(String base, String key, String path, String filename, String text) throws Exception {
        String boundary = "----bench" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: text/markdown\r\n\r\n" + text + "\r\n--" + boundary + "--\r\n";
        return send(base, key, "POST", path, "multipart/form-data; boundary=" + boundary, body);
    }
}
