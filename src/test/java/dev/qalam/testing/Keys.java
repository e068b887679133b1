package dev.qalam.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** API keys made through the admin API for a test. */
public final class Keys {

    private Keys() {
    }

    public record TestKey(String id, String secret, String teamId) {
        public Api api() {
            return Api.as(secret);
        }
    }

    public static TestKey create(String... scopes) {
        return create(null, null, null, scopes);
    }

    public static TestKey createInTeam(String teamId, String... scopes) {
        return create(teamId, null, null, scopes);
    }

    public static TestKey create(String teamId, Long ocrPageBalance, Long requestLimit, String... scopes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "test-" + UUID.randomUUID());
        body.put("scopes", Arrays.asList(scopes));
        if (teamId != null) {
            body.put("team_id", teamId);
        }
        if (ocrPageBalance != null) {
            body.put("ocr_page_balance", ocrPageBalance);
        }
        if (requestLimit != null) {
            body.put("request_limit", requestLimit);
        }
        Api.Reply r = Api.admin().post("/v1/admin/keys", body);
        assertEquals(201, r.status(), r.toString());
        JsonNode j = r.json();
        return new TestKey(j.get("id").asText(), j.get("key").asText(), teamId);
    }

    public static String createTeam() {
        Api.Reply r = Api.admin().post("/v1/admin/teams", Map.of("name", "team-" + UUID.randomUUID()));
        assertEquals(201, r.status(), r.toString());
        return r.json().get("id").asText();
    }

    /** The key's OCR page balance as the admin listing of this server shows it. */
    public static long ocrPageBalance(Api admin, String keyId) {
        for (JsonNode k : admin.get("/v1/admin/keys").json().get("keys")) {
            if (k.get("id").asText().equals(keyId)) {
                return k.get("ocr_page_balance").asLong();
            }
        }
        throw new AssertionError("no key " + keyId);
    }

    public static long ocrPageBalance(String keyId) {
        return ocrPageBalance(Api.admin(), keyId);
    }
}
