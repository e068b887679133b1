package dev.qalam.llm;

import static dev.qalam.testing.Api.obj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.Keys;
import dev.qalam.testing.Poll;
import dev.qalam.testing.TestServer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/usage} and {@code GET /v1/admin/usage} from the usage ledger, and {@code GET /v1/me}. */
class UsageIT {

    @BeforeAll
    static void ready() {
        TestServer.awaitReady();
    }

    private static void chat(Api api) {
        Api.Reply r = api.post("/v1/chat/completions", obj("model", "local/extractive", "messages",
                List.of(obj("role", "system", "content", "Dates grow on palm trees."), obj("role", "user", "content", "Where do dates grow?"))));
        assertEquals(200, r.status(), r.toString());
    }

    private static JsonNode todayOf(JsonNode report, String model) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        for (JsonNode d : report.get("days")) {
            if (d.get("date").asText().equals(today) && d.get("model").asText().equals(model)) {
                return d;
            }
        }
        return null;
    }

    @Test
    void aTeamSeesItsOwnUsageByDayAndModelAndTheOperatorSeesEveryones() {
        String team = Keys.createTeam();
        Api a = Keys.createInTeam(team, "llm").api();
        Api b = Keys.createInTeam(team, "llm").api();
        chat(a);
        chat(b);
        JsonNode mine = Poll.until(Duration.ofSeconds(30), "usage written", () -> a.get("/v1/usage").json(),
                r -> todayOf(r, "local/extractive") != null && todayOf(r, "local/extractive").get("requests").asLong() == 2);
        JsonNode day = todayOf(mine, "local/extractive");
        assertTrue(day.get("prompt_tokens").asLong() > 0, day.toString());
        assertEquals(day.get("prompt_tokens").asLong() + day.get("completion_tokens").asLong(), day.get("total_tokens").asLong());
        assertEquals("local/extractive", mine.get("models").get(0).get("model").asText());
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), mine.get("to").asText());

        // Another owner sees nothing of it; the operator sees at least as much.
        Api other = Keys.create("llm").api();
        assertEquals(0, other.get("/v1/usage").json().get("days").size());
        JsonNode all = Api.admin().get("/v1/admin/usage").json();
        assertTrue(todayOf(all, "local/extractive").get("requests").asLong() >= 2, all.toString());
        Errors.assertError(a.get("/v1/admin/usage"), 403, "insufficient_scope");
    }

    @Test
    void badRangesAre400s() {
        Api api = Keys.create("models").api();
        Errors.assertError(api.get("/v1/usage?from=yesterday"), 400, "invalid_value");
        Errors.assertError(api.get("/v1/usage?from=2026-02-02&to=2026-02-01"), 400, "invalid_value");
        Errors.assertError(api.get("/v1/usage?from=2020-01-01&to=2026-01-01"), 400, "invalid_value");
        JsonNode one = api.get("/v1/usage?from=2026-02-01&to=2026-02-01").json();
        assertEquals("2026-02-01", one.get("from").asText());
        assertEquals(0, one.get("days").size());
    }

    @Test
    void meSaysWhoTheCallerIs() {
        String team = Keys.createTeam();
        Keys.TestKey key = Keys.createInTeam(team, "ocr", "models");
        JsonNode me = key.api().get("/v1/me").json();
        assertEquals(key.id(), me.get("key_id").asText());
        assertEquals(team, me.get("team_id").asText());
        assertEquals("[\"models\",\"ocr\"]", me.get("scopes").toString());
        assertEquals("api_key", me.get("method").asText());
        assertEquals("admin_key", Api.admin().get("/v1/me").json().get("method").asText());
        Errors.assertError(Api.anonymous().get("/v1/me"), 401, "invalid_api_key");
    }

    @Test
    void selfServiceKeysTakeBudgetsOfTheirOwn() {
        Api maker = Keys.create("llm", "models").api();
        Api.Reply r = maker.post("/v1/keys", obj("name", "capped", "scopes", List.of("llm"), "request_limit", 1));
        assertEquals(201, r.status(), r.toString());
        assertEquals(1, r.json().get("request_limit").asLong());
        Api capped = Api.as(r.json().get("key").asText());
        chat(capped);
        Errors.assertError(capped.post("/v1/chat/completions", obj("model", "local/extractive", "messages",
                List.of(obj("role", "user", "content", "again")))), 402, null);
        Errors.assertError(maker.post("/v1/keys", obj("name", "bad", "scopes", List.of("llm"), "ocr_page_balance", -1)),
                400, "invalid_value");
    }
}
