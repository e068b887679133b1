package dev.qalam.llm.provider;

import java.util.Objects;

/**
 * The port every chat backend implements. The public methods are template methods: they hold what is
 * the same for every provider (argument checks, the guarantee that an answer has its choices and usage),
 * and call the adapter's {@code do*} methods, which only translate to and from the provider's wire format.
 */
public abstract class ChatProvider {

    /** A whole answer. */
    public final ChatResult chat(ProviderTarget target, ChatRequest request) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
        ChatResult r = doChat(target, request);
        if (r.choices().isEmpty()) {
            throw UpstreamErrors.fromStatus(target.provider(), 502, "The provider returned no choices.",
                    "upstream_empty_answer", null);
        }
        return r.usage() == null ? new ChatResult(r.choices(), Usage.NONE) : r;
    }

    /**
     * Opens a streamed answer: returns once the provider accepted the request, so that a refusal is
     * still an ordinary error (and a reason to try a fallback model) rather than a broken stream.
     */
    public final ChatStream openStream(ProviderTarget target, ChatRequest request) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
        return doOpenStream(target, request);
    }

    protected abstract ChatResult doChat(ProviderTarget target, ChatRequest request);

    protected abstract ChatStream doOpenStream(ProviderTarget target, ChatRequest request);
}
