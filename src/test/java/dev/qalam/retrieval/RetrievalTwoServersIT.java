package dev.qalam.retrieval;

import static dev.qalam.retrieval.Collections.ask;
import static dev.qalam.retrieval.Collections.create;
import static dev.qalam.retrieval.Collections.ingestJson;
import static dev.qalam.retrieval.Collections.ready;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.SecondServer;
import dev.qalam.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers sharing one database and one OpenSearch index (the suite's server and a second one started
 * here with the same WAR and environment): what is ingested through one is found by a query through the
 * other, in Arabic and in English, and a document deleted through one is gone from the other's answers.
 * Runs where the suite runs on the shared index (QALAM_SEARCH=opensearch, which `./qalam test` chooses
 * with PostgreSQL); the embedded index is one server's, so elsewhere the test is skipped and says so.
 */
class RetrievalTwoServersIT {

    private static final boolean SHARED = "opensearch".equals(System.getenv("QALAM_SEARCH"))
            && "postgres".equals(System.getenv("DB_KIND"));

    private static SecondServer second;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(SHARED, "Several servers need a shared database and search index: this test runs "
                + "with DB_KIND=postgres and QALAM_SEARCH=opensearch, not on embedded Derby and Lucene");
        TestServer.awaitReady();
        second = SecondServer.start();
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void whatOneServerIngestsTheOtherFinds() {
        Api one = Keys.create("alretrieval").api();
        Api two = one.at(second.baseUrl());
        String c = create(one);
        String english = ingestJson(one, c, Api.obj("title", "Harbour rules", "filename", "harbour.json",
                "pages", List.of("Ships must lower their sails before passing the old harbour breakwater.")));
        String arabic = ingestJson(two, c, Api.obj("title", "أنظمة المكتبة", "filename", "library.json",
                "pages", List.of("تفتح المكتبة المركزية أبوابها للزوار من الساعة الثامنة صباحاً حتى الرابعة عصراً.")));
        ready(one, c, english);
        ready(two, c, arabic);

        assertEquals(english, top(two, c, "When must ships lower their sails?"), "ingested through the first server");
        assertEquals(arabic, top(one, c, "متى تفتح المكتبة المركزية؟"), "ingested through the second server");

        assertEquals(204, one.delete(Collections.BASE + "/" + c + "/documents/" + english).status());
        for (JsonNode hit : ask(two, c, "When must ships lower their sails?").get("context")) {
            assertNotEquals(english, hit.get("document_id").asText(), "deleted through the first server");
        }
    }

    private static String top(Api api, String collection, String question) {
        JsonNode context = ask(api, collection, question).get("context");
        assertFalse(context.isEmpty(), "no context for " + question);
        return context.get(0).get("document_id").asText();
    }
}
