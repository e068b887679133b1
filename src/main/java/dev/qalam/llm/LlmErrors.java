package dev.qalam.llm;

import dev.qalam.llm.provider.EmbeddingProvider;
import dev.qalam.llm.provider.UpstreamException;
import dev.qalam.platform.errors.ApiException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Every error the LLM features answer with, written once: unknown or misused models, providers that are not
 * configured, inputs a model cannot take, and failures of upstream providers as the client sees them.
 *
 * <p>Upstream failures: a provider's answer is shown to the client only where it is about the client's request
 * (400, 413, 422, and 429 with its {@code Retry-After}), with anything that looks like a credential or an
 * account id removed. Everything else is the operator's business: a provider refusing the server's key
 * (401/403: a wrong {@code OPENAI_API_KEY} is not the client's fault, so never a 401 with
 * {@code WWW-Authenticate}), an exhausted provider account (402), a model the provider does not know (404), or
 * the provider failing (5xx). The client then gets a 502 (504 for timeouts, 503 when the provider said it is
 * unavailable) of type {@code upstream_error} with a message written here, and the provider's own words go to
 * the server log only.
 */
public final class LlmErrors {

    private static final Logger LOG = Logger.getLogger(LlmErrors.class.getName());

    /**
     * What may not leave the server even inside a provider's message about the client's request: masked keys
     * ({@code sk-abc1****wxyz}), API keys of the providers Qalam knows (OpenAI, Groq, Google), bearer tokens,
     * and OpenAI organisation and project ids.
     */
    private static final Pattern SECRETS = Pattern.compile(
            "\\S*\\*{3,}\\S*"
                    + "|\\b(?:sk|pk|rk)-[A-Za-z0-9_\\-]{8,}"
                    + "|\\bgsk_[A-Za-z0-9]{8,}"
                    + "|\\bAIza[0-9A-Za-z_\\-]{20,}"
                    + "|(?i:\\bbearer\\s+)\\S+"
                    + "|\\borg-[A-Za-z0-9]{6,}"
                    + "|\\bproj_[A-Za-z0-9]{6,}");

    private LlmErrors() {
    }

    public static ApiException modelNotFound(String id) {
        return new ApiException(404, ApiException.INVALID_REQUEST, "model_not_found",
                "The model '" + id + "' does not exist or you do not have access to it.");
    }

    /** {@code keyVariable}: the setting that would enable the provider, or null. */
    public static ApiException providerNotConfigured(CatalogModel m, String keyVariable) {
        String var = keyVariable;
        return new ApiException(503, "upstream_error", "provider_not_configured", "The model '" + m.id()
                + "' is served by the " + m.provider() + " provider, which is not configured on this server"
                + (var == null ? "." : " (set " + var + ")."));
    }

    /** A chat request for an embedding model. */
    public static ApiException embeddingModelForChat(String id) {
        return ApiException.badRequest("invalid_model", "The model '" + id
                + "' is an embedding model; use it with /v1/embeddings.");
    }

    /** An embeddings request for a chat model. */
    public static ApiException chatModelForEmbeddings(String id) {
        return ApiException.badRequest("invalid_model", "The model '" + id
                + "' is not an embedding model; use it with /v1/chat/completions.");
    }

    /** The catalogue routes the model to the in-process embedding model, which this server does not have. */
    public static ApiException inProcessModelMissing(String id) {
        return new ApiException(503, "upstream_error", "model_not_available", "The in-process embedding model for '"
                + id + "' is not installed on this server.");
    }

    /** The catalogue routes an embedding model to a provider that has no embeddings. */
    public static ApiException providerHasNoEmbeddings(CatalogModel m) {
        return new ApiException(503, "upstream_error", "model_not_available", "The model '" + m.id()
                + "' is served by the " + m.provider() + " provider, which has no embeddings in Qalam.");
    }

    public static ApiException dimensionsTooLarge(String model, int modelDims) {
        return ApiException.badRequest("invalid_value",
                "The model '" + model + "' produces " + modelDims + " dimensions; 'dimensions' cannot be larger.");
    }

    /**
     * An embeddings input over the model's context, as OpenAI words it, with the token count (or, for an input
     * too long to count cheaply, an estimate and its length in characters).
     */
    public static ApiException inputTooLong(String model, EmbeddingProvider.Oversized o, int chars) {
        String where = "'input[" + o.index() + "]'";
        String size = o.exact() ? o.tokens() + " tokens"
                : "about " + o.tokens() + " tokens (" + chars + " characters)";
        return new ApiException(400, ApiException.INVALID_REQUEST, "context_length_exceeded", "This model's maximum "
                + "context length is " + o.limit() + " tokens, however " + where + " has " + size + ". Please reduce "
                + "the input; the model '" + model + "' embeds at most " + o.limit() + " tokens per input.");
    }

    /** A provider's failure as the client sees it (see the class comment). */
    public static ApiException upstream(UpstreamException e) {
        String provider = e.provider();
        if (!e.quotesProvider()) {
            return new ApiException(e.status(), e.type(), e.code(), "Upstream provider " + provider + ": "
                    + e.getMessage(), e.retryAfter(), e);
        }
        int status = e.status();
        switch (status) {
            case 400, 413, 422, 429 -> {
                return new ApiException(status, e.type(), e.code(), "Upstream provider " + provider + ": "
                        + redact(e.getMessage()), e.retryAfter(), e);
            }
            case 401, 403 -> {
                logHidden(e);
                return new ApiException(502, "upstream_error", "upstream_auth_failed", "The " + provider
                        + " provider did not accept this server's credentials. Nothing is wrong with your request; "
                        + "the server's operator has been told (see the server log).", null, e);
            }
            case 402 -> {
                logHidden(e);
                return new ApiException(502, "upstream_error", "upstream_account_error", "The " + provider
                        + " provider refused to serve this server's account. Nothing is wrong with your request; "
                        + "the server's operator has been told (see the server log).", null, e);
            }
            case 404 -> {
                logHidden(e);
                return new ApiException(502, "upstream_error", "upstream_model_not_found", "The " + provider
                        + " provider does not know the model this server routes your model to. The server's "
                        + "operator has been told (see the server log).", null, e);
            }
            default -> {
                logHidden(e);
                int answer = status == 408 || status == 504 ? 504 : status == 503 ? 503 : 502;
                return new ApiException(answer, "upstream_error", answer == 504 ? "upstream_timeout" : "upstream_error",
                        "The " + provider + " provider failed (HTTP " + status + ").", e.retryAfter(), e);
            }
        }
    }

    /** {@code text} with credentials, masked keys and account ids replaced by {@code [redacted]}. */
    static String redact(String text) {
        return text == null ? null : SECRETS.matcher(text).replaceAll("[redacted]");
    }

    private static void logHidden(UpstreamException e) {
        LOG.log(Level.WARNING, "The {0} provider answered HTTP {1} ({2}): {3}",
                new Object[]{e.provider(), e.status(), e.code(), e.getMessage()});
    }
}
