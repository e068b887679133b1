package dev.qalam.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

/** Asserts the documented error shape {@code {"error":{"message","type","code"}}} and nothing more. */
public final class Errors {

    private Errors() {
    }

    public static JsonNode assertError(Api.Reply r, int status, String code) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.header("Content-Type") != null && r.header("Content-Type").startsWith("application/json"),
                "error Content-Type: " + r.header("Content-Type"));
        JsonNode body = r.json();
        assertEquals(1, body.size(), "only the error member: " + body);
        JsonNode e = body.get("error");
        assertTrue(e != null && e.isObject(), "error object: " + body);
        assertTrue(e.get("message").isTextual() && !e.get("message").asText().isBlank(), "message: " + body);
        assertTrue(e.get("type").isTextual(), "type: " + body);
        assertTrue(e.has("code"), "code: " + body);
        if (code != null) {
            assertEquals(code, e.get("code").asText(), body.toString());
        }
        assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), "no stack trace: " + r.body());
        return e;
    }
}
