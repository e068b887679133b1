package dev.qalam.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.llm.provider.UpstreamErrors;
import dev.qalam.llm.provider.UpstreamException;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.errors.ErrorResponses;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LlmErrorsTest {

    static final String OPENAI_401 = "Incorrect API key provided: sk-proj-********************************************3xQA. "
            + "You can find your API key at https://platform.openai.com/account/api-keys.";

    @Test
    void aProviderRefusingTheServersKeyIsA502NotTheClientsAuthFailure() {
        for (int status : new int[]{401, 403}) {
            UpstreamException e = UpstreamErrors.fromProvider("openai", status, OPENAI_401, "invalid_api_key", null);
            ApiException api = LlmErrors.upstream(e);
            assertEquals(502, api.status());
            assertEquals("upstream_error", api.type());
            assertEquals("upstream_auth_failed", api.code());
            assertFalse(api.getMessage().contains("sk-"), api.getMessage());
            assertFalse(api.getMessage().contains("Incorrect API key"), api.getMessage());
            Response r = ErrorResponses.of(api);
            assertNull(r.getHeaderString("WWW-Authenticate"));
        }
    }

    @Test
    void theOperatorsAccountAndModelsAndTheProvidersFailuresAreNotShown() {
        ApiException quota = LlmErrors.upstream(UpstreamErrors.fromProvider("openai", 402, "Billing hard limit reached for org-AbCdEf123456", null, null));
        assertEquals(502, quota.status());
        assertFalse(quota.getMessage().contains("org-"), quota.getMessage());
        ApiException model = LlmErrors.upstream(UpstreamErrors.fromProvider("groq", 404, "The model `llama-x` does not exist", "model_not_found", null));
        assertEquals(502, model.status());
        assertEquals("upstream_model_not_found", model.code());
        ApiException failed = LlmErrors.upstream(UpstreamErrors.fromProvider("groq", 500, "stack at host gpu-12.internal", null, null));
        assertEquals(502, failed.status());
        assertEquals("The groq provider failed (HTTP 500).", failed.getMessage());
        ApiException unavailable = LlmErrors.upstream(UpstreamErrors.fromProvider("groq", 503, "over capacity", null, Duration.ofSeconds(3)));
        assertEquals(503, unavailable.status());
        assertEquals(Duration.ofSeconds(3), unavailable.retryAfter());
    }

    @Test
    void messagesAboutTheClientsRequestPassWithoutCredentialsOrAccountIds() {
        ApiException bad = LlmErrors.upstream(UpstreamErrors.fromProvider("groq", 400,
                "'messages' must contain the word json (key gsk_abcdefghijklmnop, org-XyZ12345678)", "json_validate_failed", null));
        assertEquals(400, bad.status());
        assertEquals("json_validate_failed", bad.code());
        assertEquals("Upstream provider groq: 'messages' must contain the word json (key [redacted], [redacted])", bad.getMessage());

        ApiException limited = LlmErrors.upstream(UpstreamErrors.fromProvider("openai", 429,
                "Rate limit reached for gpt-4o in organization org-Abc123Def456 on tokens per min (TPM). Bearer abc.def",
                "rate_limit_exceeded", Duration.ofSeconds(30)));
        assertEquals(429, limited.status());
        assertEquals(Duration.ofSeconds(30), limited.retryAfter());
        assertTrue(limited.getMessage().contains("Rate limit reached for gpt-4o in organization [redacted]"), limited.getMessage());
        assertFalse(limited.getMessage().contains("abc.def"), limited.getMessage());
        assertEquals("key [redacted] ok", LlmErrors.redact("key AIzaSyA1234567890abcdefghijklmn ok"));
    }

    @Test
    void qalamsOwnDescriptionsOfUpstreamFailuresAreShownAsTheyAre() {
        ApiException timeout = LlmErrors.upstream(UpstreamErrors.timeout("gemini", "did not answer within 5 s"));
        assertEquals(504, timeout.status());
        assertEquals("Upstream provider gemini: The gemini provider did not answer within 5 s.", timeout.getMessage());
    }
}
