package dev.qalam.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qalam.testing.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Teams and deployments made through the admin API for the Deployment API's integration tests. */
final class Deployments {

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);

    private Deployments() {
    }

    record Deployment(String teamId, String id) {
        String chatPath() {
            return "/api/deployment/" + teamId + "/" + id + "/chat/completions";
        }
    }

    static String team(boolean trial, Long dailyLimit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "team-" + UUID.randomUUID());
        body.put("trial", trial);
        if (dailyLimit != null) {
            body.put("daily_request_limit", dailyLimit);
        }
        Api.Reply r = Api.admin().post("/v1/admin/teams", body);
        assertEquals(201, r.status(), r.toString());
        return r.json().get("id").asText();
    }

    static Deployment create(String teamId, String model, String systemPrompt, List<String> collections) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "assistant-" + UUID.randomUUID());
        body.put("model", model);
        if (systemPrompt != null) {
            body.put("system_prompt", systemPrompt);
        }
        body.put("temperature", 0.2);
        body.put("top_k", 3);
        body.put("collection_ids", collections);
        Api.Reply r = Api.admin().post("/v1/admin/teams/" + teamId + "/deployments", body);
        assertEquals(201, r.status(), r.toString());
        return new Deployment(teamId, r.json().get("id").asText());
    }

    /**
     * A client address of its own (from TEST-NET-3, 203.0.113.0/24 and beyond), sent as {@code X-Forwarded-For}
     * through this machine, which the suite's server trusts as a proxy: each test gets its own address limit.
     */
    static Map<String, String> newClientAddress() {
        int n = ADDRESSES.getAndIncrement();
        return Map.of("X-Forwarded-For", "203.0." + (113 + n / 250) + "." + (1 + n % 250));
    }

    static Map<String, Object> ask(String question) {
        return Api.obj("messages", List.of(Api.obj("role", "user", "content", question)));
    }
}
