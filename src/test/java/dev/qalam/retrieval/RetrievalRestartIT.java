package dev.qalam.retrieval;

import static dev.qalam.retrieval.Collections.BASE;
import static dev.qalam.retrieval.Collections.ask;
import static dev.qalam.retrieval.Collections.create;
import static dev.qalam.retrieval.Collections.ingestFile;
import static dev.qalam.retrieval.Collections.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.ocr.TestDocuments;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.Poll;
import dev.qalam.testing.TestServer;
import dev.qalam.text.TextAnalysis;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A server stopped in the middle of an ingestion: the ingestion resumes and completes, every page charged
 * once; and a server that finds no search index of its analysis version (an older version's, or none)
 * rebuilds it from the database.
 */
class RetrievalRestartIT {

    private static final int PAGES = 8;

    @Test
    void ingestionInterruptedByARestartCompletesAndIsChargedOnce() {
        TestServer.awaitReady();
        Keys.TestKey key = Keys.create(null, (long) PAGES, null, "alretrieval");
        Api api = key.api();
        String c = create(api);
        BufferedImage[] scans = new BufferedImage[PAGES];
        Arrays.fill(scans, TestDocuments.page(TestDocuments.ARABIC, true, 0));
        String doc = ingestFile(api, c, "long.pdf", TestDocuments.scannedPdf(scans), null);

        Poll.until(Duration.ofSeconds(120), "a few pages charged", () -> Keys.ocrPageBalance(key.id()),
                left -> left <= PAGES - 2);
        assertEquals("processing", Collections.status(api, c, doc).get("status").asText(),
                "the ingestion must still be running when the server restarts");

        TestServer.restart();

        ready(api, c, doc);
        assertEquals(0, Keys.ocrPageBalance(key.id()), "every page charged exactly once");
        JsonNode top = ask(api, c, "مدينة الرياض").get("context").get(0);
        assertEquals(doc, top.get("document_id").asText());
        assertEquals(PAGES, api.get(BASE + "/" + c + "/documents").json().get("documents").get(0).get("pages").asInt());
    }

    @Test
    void anIndexOfTheOldAnalysisVersionIsRebuiltFromTheDatabase() throws Exception {
        TestServer.awaitReady();
        Api api = Keys.create("alretrieval").api();
        String c = create(api);
        String doc = Collections.ingestJson(api, c, Api.obj("title", "Lighthouse", "filename", "l.json",
                "pages", List.of("The lighthouse keeper climbs one hundred and twelve steps every evening.")));
        ready(api, c, doc);

        TestServer.kill();
        if ("opensearch".equals(System.getenv("QALAM_SEARCH"))) {
            // A new cluster, or an upgrade to a new analysis version: no OpenSearch index of this version.
            String index = System.getenv("OPENSEARCH_INDEX") + "-v" + TextAnalysis.VERSION;
            Api.Reply gone = Api.anonymous().at(System.getenv("OPENSEARCH_URL")).delete("/" + index);
            assertEquals(200, gone.status(), gone.toString());
        } else {
            // The index as an older analysis version left it: the server does not find one of its version.
            Path index = Path.of(System.getProperty("qalam.dataDir", System.getenv("QALAM_DATA_DIR")), "index");
            Path current = index.resolve("lucene-v" + TextAnalysis.VERSION);
            Files.move(current, index.resolve("lucene-v" + (TextAnalysis.VERSION - 1)));
            assertTrue(!Files.exists(current), "no index of the current version");
        }
        TestServer.start();
        TestServer.awaitReady();

        JsonNode hits = Poll.until(Duration.ofSeconds(60), "the rebuilt index to find the document",
                () -> ask(api, c, "How many steps does the keeper climb?").get("context"), h -> h.size() > 0);
        assertEquals(doc, hits.get(0).get("document_id").asText());
    }
}
