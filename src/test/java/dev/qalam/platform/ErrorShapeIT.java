package dev.qalam.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.testing.Api;
import dev.qalam.testing.Errors;
import dev.qalam.testing.TestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every failure the runtime or the app raises answers the documented status and error shape. */
class ErrorShapeIT {

    @BeforeAll
    static void ready() {
        TestServer.awaitReady();
    }

    @Test
    void missingKeyIs401() {
        Api.Reply r = Api.anonymous().get("/v1/admin/keys");
        Errors.assertError(r, 401, "invalid_api_key");
        assertEquals("Bearer", r.header("WWW-Authenticate"));
    }

    @Test
    void wrongKeyAndWrongSchemeAre401() {
        Errors.assertError(Api.as("qk_not-a-real-key").get("/v1/admin/keys"), 401, "invalid_api_key");
        Errors.assertError(Api.as("something-else").get("/v1/admin/keys"), 401, "invalid_api_key");
    }

    @Test
    void malformedJsonIs400() {
        Errors.assertError(Api.admin().postRaw("/v1/admin/teams", "application/json", "{\"name\":"), 400, "invalid_json");
        Errors.assertError(Api.admin().postRaw("/v1/admin/keys", "application/json",
                "{\"name\":\"x\",\"scopes\":\"llm\"}"), 400, "invalid_json");
        Errors.assertError(Api.admin().postRaw("/v1/admin/keys", "application/json",
                "{\"name\":\"x\",\"scopes\":[\"llm\"],\"request_limit\":\"many\"}"), 400, "invalid_json");
    }

    @Test
    void unknownRouteIs404() {
        Errors.assertError(Api.admin().get("/v1/no/such/thing"), 404, "not_found");
        Errors.assertError(Api.anonymous().get("/nothing-here"), 404, "not_found");
    }

    @Test
    void wrongMethodIs405() {
        Errors.assertError(Api.admin().method("PUT", "/v1/admin/keys"), 405, "method_not_allowed");
    }

    @Test
    void unsupportedMediaTypeIs415() {
        Errors.assertError(Api.admin().postRaw("/v1/admin/teams", "text/plain", "name=x"), 415, "unsupported_media_type");
    }

    @Test
    void validationFailureIs400() {
        Errors.assertError(Api.admin().post("/v1/admin/teams", "{}"), 400, "invalid_value");
    }

    @Test
    void oversizedJsonBodyIs413WithOrWithoutALength() throws Exception {
        // 33 MB of JSON against the default 32 MB limit: refused on its declared length, and cut off when sent
        // in chunks without one.
        byte[] big = ("{\"name\":\"" + "x".repeat(33 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder req = HttpRequest.newBuilder(TestServer.uri("/v1/admin/teams"))
                .header("Authorization", "Bearer " + TestServer.adminKey())
                .header("Content-Type", "application/json");
        HttpResponse<String> declared = http.send(req.POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, declared.statusCode(), declared.body());
        assertTrue(declared.body().contains("\"payload_too_large\""), declared.body());

        HttpResponse<String> chunked = http.send(req.POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(big))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertTrue(chunked.body().contains("\"payload_too_large\""), chunked.body());
    }
}
