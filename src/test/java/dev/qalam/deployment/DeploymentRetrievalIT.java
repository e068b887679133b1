package dev.qalam.deployment;

import static dev.qalam.testing.Api.obj;
import static dev.qalam.testing.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.ContractExamples;
import dev.qalam.testing.Keys;
import dev.qalam.testing.Poll;
import dev.qalam.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deployments over real alRetrieval collections: documents ingested as JSON pages and as a text file, with file
 * properties; the Deployment API's metadata filter example verbatim, {@code rewrite_query}, condensation of a
 * conversation, contexts in whole and streamed answers, and which collections a deployment may use.
 */
class DeploymentRetrievalIT {

    static final String BASE = "/v1/alRetrieval/collections";
    static final String SEED_FILTER = ContractExamples.DEPLOYMENT_FILTER;

    static String team;
    static Keys.TestKey key;
    static String collection;
    static Deployments.Deployment deployment;
    static final Map<String, String> DOCS = new java.util.HashMap<>();

    @BeforeAll
    static void setUp() {
        TestServer.awaitReady();
        team = Deployments.team(false, null);
        key = Keys.createInTeam(team, "alretrieval", "deployment");
        Api.Reply c = key.api().post(BASE, "");
        assertEquals(200, c.status(), c.toString());
        collection = c.json().get("collection_id").asText();
        ingest("alabama.json", "Alabama street calligraphy permits", "alabama", "2024-11-05",
                "In Alabama a street calligraphy permit is issued by the county clerk within ten days.");
        ingest("florida-old.json", "Florida street calligraphy permits", "florida", "2024-10-01",
                "In Florida a street calligraphy permit is issued by the city council after a hearing.");
        ingest("nevada.json", "Nevada street calligraphy permits", "nevada", "2024-12-01",
                "In Nevada a street calligraphy permit is issued online; the permit fee is forty dollars.");
        ingest("texas.json", "Texas street calligraphy permits", "texas", "2024-11-20",
                "In Texas a street calligraphy permit is issued by the state arts office.");
        Api.Reply txt = key.api().multipart(BASE + "/" + collection + "/documents/ingest", "file", "jakarta.txt",
                "text/plain", "Jakarta weather: the rainy season runs from November to March, with humid heat all year."
                        .getBytes(StandardCharsets.UTF_8), Map.of("metadata", "{\"jurisdiction\": \"indonesia\", \"date\": \"2024-11-11\"}"));
        assertEquals(200, txt.status(), txt.toString());
        DOCS.put("jakarta.txt", txt.json().get("id").asText());
        for (String doc : DOCS.values()) {
            JsonNode s = Poll.until(Duration.ofMinutes(3), "document " + doc + " ready", () -> key.api()
                    .get(BASE + "/" + collection + "/documents/" + doc + "/status").json(),
                    j -> !"processing".equals(j.get("status").asText()));
            assertEquals("ready", s.get("status").asText(), s.toString());
        }
        deployment = Deployments.create(team, "local/extractive", "You answer questions about permits.", List.of(collection));
    }

    static void ingest(String filename, String title, String jurisdiction, String date, String text) {
        Api.Reply r = key.api().post(BASE + "/" + collection + "/documents/ingest", obj("title", title, "filename",
                filename, "pages", List.of(text), "metadata", obj("jurisdiction", jurisdiction, "date", date)));
        assertEquals(200, r.status(), r.toString());
        DOCS.put(filename, r.json().get("id").asText());
    }

    static Api.Reply chat(Object body) {
        return key.api().post(deployment.chatPath(), body, Deployments.newClientAddress());
    }

    static Set<String> filenames(JsonNode contexts) {
        Set<String> out = new HashSet<>();
        for (JsonNode c : contexts) {
            out.add(c.get("filename").asText());
        }
        return out;
    }

    @Test
    void answersComeWithTheirContexts() {
        Api.Reply r = chat(Deployments.ask("What is the permit fee in Nevada?"));
        assertEquals(200, r.status(), r.toString());
        JsonNode c = r.json();
        JsonNode contexts = c.get("contexts");
        assertTrue(contexts.size() >= 1 && contexts.size() <= 3, "top_k 3: " + contexts);
        JsonNode best = contexts.get(0);
        assertEquals("nevada.json", best.get("filename").asText(), contexts.toString());
        assertEquals(DOCS.get("nevada.json"), best.get("document_id").asText());
        assertTrue(best.get("text").asText().contains("forty dollars"), best.toString());
        assertEquals(List.of(1), List.of(best.get("pages").get(0).asInt()));
        assertEquals("nevada", best.get("metadata").get("jurisdiction").asText());
        assertTrue(best.get("score").asDouble() > 0);
        String answer = c.get("choices").get(0).get("message").get("content").asText();
        assertTrue(answer.contains("the permit fee is forty dollars"), answer);
        assertTrue(c.get("usage").get("prompt_embedding_tokens").asInt() > 0, c.get("usage").toString());
    }

    @Test
    void theSeedsMetadataFilterWorksVerbatimAsAnObjectAndAsAString() throws Exception {
        Object filter = Api.JSON.readValue(SEED_FILTER, Object.class);
        for (Object f : List.of(filter, SEED_FILTER)) {
            Api.Reply r = chat(obj("messages", List.of(obj("role", "user", "content", List.of(obj("type", "text",
                    "text", "Who issues a street calligraphy permit?")))), "filter_metadata", f));
            assertEquals(200, r.status(), r.toString());
            // Alabama and Nevada pass; Florida's document is too old, Texas and Jakarta are other jurisdictions.
            assertEquals(Set.of("alabama.json", "nevada.json"), filenames(r.json().get("contexts")), r.toString());
        }
        Api.Reply none = chat(obj("messages", List.of(obj("role", "user", "content", "Who issues a street calligraphy permit?")),
                "filter_metadata", obj("term", obj("jurisdiction", "oregon"))));
        assertEquals(0, none.json().get("contexts").size(), none.toString());
        JsonNode e = assertError(chat(obj("messages", List.of(obj("role", "user", "content", "Who?")),
                "filter_metadata", obj("bool", obj("must", List.of(obj("range", obj("date", obj("after", "2024")))))))),
                400, "invalid_filter");
        assertTrue(e.get("message").asText().contains("filter_metadata.bool.must[0].range.date"), e.toString());
    }

    @Test
    void rewriteQueryDecidesWhatIsRetrieved() {
        Api.Reply r = chat(obj("messages", List.of(
                obj("role", "user", "content", "What's the weather in Bali?"),
                obj("role", "assistant", "content", "It's hot and humid."),
                obj("role", "user", "content", "How about in Jakarta?")),
                "rewrite_query", "What's the weather in Jakarta?"));
        assertEquals(200, r.status(), r.toString());
        assertEquals("jakarta.txt", r.json().get("contexts").get(0).get("filename").asText(), r.toString());
        Api.Reply overridden = chat(obj("messages", List.of(obj("role", "user", "content", "What's the weather in Jakarta?")),
                "rewrite_query", "Texas state arts office permit"));
        assertEquals("texas.json", overridden.json().get("contexts").get(0).get("filename").asText(), overridden.toString());
    }

    @Test
    void aFollowUpIsCondensedWithTheQuestionItRefersTo() {
        Api.Reply r = chat(obj("messages", List.of(
                obj("role", "user", "content", "Does Nevada issue street calligraphy permits online?"),
                obj("role", "assistant", "content", "Yes."),
                obj("role", "user", "content", "How much is its fee?"))));
        assertEquals(200, r.status(), r.toString());
        assertEquals("Does Nevada issue street calligraphy permits online? How much is its fee?",
                r.json().get("retrieval_query").asText());
        assertEquals("nevada.json", r.json().get("contexts").get(0).get("filename").asText(), r.toString());
        String answer = r.json().get("choices").get(0).get("message").get("content").asText();
        assertTrue(answer.contains("forty dollars"), answer);
    }

    @Test
    void aStreamedAnswerCarriesTheContextsFirst() {
        Api.Reply r = chat(obj("stream", true, "messages", List.of(obj("role", "user", "content",
                "What is the permit fee in Nevada?"))));
        assertEquals(200, r.status(), r.toString());
        List<String> data = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (line.startsWith("data:")) {
                data.add(line.substring(5).strip());
            }
        }
        assertEquals("[DONE]", data.get(data.size() - 1));
        JsonNode first = DeploymentChatIT.read(data.get(0));
        assertEquals("nevada.json", first.get("contexts").get(0).get("filename").asText(), first.toString());
        assertFalse(r.body().contains("\"usage\":{"), "no usage chunk without include_usage");
    }

    @Test
    void aDeploymentUsesItsTeamsCollectionsUnlessTheOperatorsKeyNamesOthers() {
        String otherTeam = Deployments.team(false, null);
        Keys.TestKey otherKey = Keys.createInTeam(otherTeam, "alretrieval");
        String foreign = otherKey.api().post(BASE, "").json().get("collection_id").asText();
        String path = "/v1/admin/teams/" + team + "/deployments";
        // The operator's own key may name any collection.
        Api.Reply byOperator = Api.admin().post(path, obj("name", "cross-team", "model", "local/extractive",
                "collection_ids", List.of(collection, foreign)));
        assertEquals(201, byOperator.status(), byOperator.toString());
        // Another key with the admin scope only the team's own.
        Keys.TestKey admin = Keys.create("admin");
        assertEquals(201, admin.api().post(path, obj("name", "own", "model", "local/extractive",
                "collection_ids", List.of(collection))).status());
        JsonNode e = assertError(admin.api().post(path, obj("name", "foreign", "model", "local/extractive",
                "collection_ids", List.of(collection, foreign))), 400, "collection_not_found");
        assertTrue(e.get("message").asText().contains("collection_ids[1]"), e.toString());
        assertError(Api.admin().post(path, obj("name", "unknown", "model", "local/extractive",
                "collection_ids", List.of("no-such-collection"))), 400, "collection_not_found");
    }
}
