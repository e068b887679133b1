package dev.qalam.llm.provider;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * A chat request in provider-neutral, typed form: the only thing an adapter reads. The client's JSON is not
 * kept: what reaches a provider is built from these fields alone (the parameters Qalam forwards are listed in
 * {@code docs/llm.md}), so a request that Qalam changes (a deployment adding its system prompt and retrieved
 * context to {@code messages}) reaches every provider as changed.
 *
 * <p>Java callers start from {@link #of(String, List)} and change what they need with the {@code with*}
 * methods; the parser of {@code /v1/chat/completions} fills every field from the client's body.
 *
 * @param maxTokens OpenAI's older {@code max_tokens}; forwarded under that name when the client used it
 * @param maxCompletionTokens OpenAI's {@code max_completion_tokens} (reasoning models accept only this one)
 * @param n how many choices, 1 to {@link #MAX_CHOICES}
 * @param reasoningEffort OpenAI's {@code reasoning_effort} as given (its values differ between providers), or null
 * @param includeUsage whether the client asked for a usage chunk at the end of a stream
 */
public record ChatRequest(String model, List<ChatMessage> messages, Double temperature, Double topP,
                          Integer maxTokens, Integer maxCompletionTokens, int n, List<String> stop,
                          Double presencePenalty, Double frequencyPenalty, Long seed, List<Tool> tools,
                          ToolChoice toolChoice, Boolean parallelToolCalls, ResponseFormat responseFormat,
                          String reasoningEffort, String user, boolean stream, boolean includeUsage) {

    /**
     * The most choices one request may ask for. Each choice is a whole answer that the provider bills, all
     * charged to the caller as one request; Gemini's {@code candidateCount} stops at 8 too.
     */
    public static final int MAX_CHOICES = 8;

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        if (n < 1 || n > MAX_CHOICES) {
            throw new IllegalArgumentException("n must be between 1 and " + MAX_CHOICES + ": " + n);
        }
        stop = stop == null ? List.of() : List.copyOf(stop);
        tools = tools == null || tools.isEmpty() ? null : List.copyOf(tools);
    }

    /** A function the model may call: its name, description and parameters (a JSON schema), as OpenAI defines them. */
    public record Tool(String name, String description, JsonObject parameters, Boolean strict) {
        public Tool {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * How the model may use the tools: {@code none}, {@code auto}, {@code required}, or {@code function} with
     * the one function it must call.
     */
    public record ToolChoice(String mode, String function) {

        public static final ToolChoice NONE = new ToolChoice("none", null);
        public static final ToolChoice AUTO = new ToolChoice("auto", null);
        public static final ToolChoice REQUIRED = new ToolChoice("required", null);

        public ToolChoice {
            Objects.requireNonNull(mode, "mode");
            if ("function".equals(mode) == (function == null)) {
                throw new IllegalArgumentException("a function is named exactly when the mode is 'function'");
            }
        }

        public static ToolChoice function(String name) {
            return new ToolChoice("function", name);
        }
    }

    /**
     * The answer's format: {@code text}, {@code json_object}, or {@code json_schema} with the schema's name,
     * description, the schema itself and whether it must be followed strictly.
     */
    public record ResponseFormat(String type, String name, String description, JsonObject schema, Boolean strict) {

        public ResponseFormat {
            Objects.requireNonNull(type, "type");
        }

        public static ResponseFormat jsonObject() {
            return new ResponseFormat("json_object", null, null, null, null);
        }

        public static ResponseFormat jsonSchema(String name, JsonObject schema) {
            return new ResponseFormat("json_schema", Objects.requireNonNull(name, "name"), null, schema, true);
        }
    }

    /** A request with every optional parameter at the provider's default: one choice, not streamed. */
    public static ChatRequest of(String model, List<ChatMessage> messages) {
        return new ChatRequest(model, messages, null, null, null, null, 1, null, null, null, null, null, null, null,
                null, null, null, false, false);
    }

    public ChatRequest withModel(String model) {
        return new ChatRequest(model, messages, temperature, topP, maxTokens, maxCompletionTokens, n, stop,
                presencePenalty, frequencyPenalty, seed, tools, toolChoice, parallelToolCalls, responseFormat,
                reasoningEffort, user, stream, includeUsage);
    }

    /** The same request with other messages: how Qalam adds a system prompt, retrieved context or images. */
    public ChatRequest withMessages(List<ChatMessage> messages) {
        return new ChatRequest(model, messages, temperature, topP, maxTokens, maxCompletionTokens, n, stop,
                presencePenalty, frequencyPenalty, seed, tools, toolChoice, parallelToolCalls, responseFormat,
                reasoningEffort, user, stream, includeUsage);
    }

    public ChatRequest withTemperature(Double temperature) {
        return new ChatRequest(model, messages, temperature, topP, maxTokens, maxCompletionTokens, n, stop,
                presencePenalty, frequencyPenalty, seed, tools, toolChoice, parallelToolCalls, responseFormat,
                reasoningEffort, user, stream, includeUsage);
    }

    /** Limits the answer's length (sent as {@code max_completion_tokens}, or {@code max_tokens} if the request had that). */
    public ChatRequest withMaxOutputTokens(Integer limit) {
        boolean legacy = maxTokens != null && maxCompletionTokens == null;
        return new ChatRequest(model, messages, temperature, topP, legacy ? limit : null, legacy ? null : limit, n,
                stop, presencePenalty, frequencyPenalty, seed, tools, toolChoice, parallelToolCalls, responseFormat,
                reasoningEffort, user, stream, includeUsage);
    }

    public ChatRequest withStream(boolean stream, boolean includeUsage) {
        return new ChatRequest(model, messages, temperature, topP, maxTokens, maxCompletionTokens, n, stop,
                presencePenalty, frequencyPenalty, seed, tools, toolChoice, parallelToolCalls, responseFormat,
                reasoningEffort, user, stream, includeUsage && stream);
    }

    /** The answer's length limit whichever parameter gave it, or null. */
    public Integer maxOutputTokens() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    /** The last message with role user, or null. */
    public ChatMessage lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).role())) {
                return messages.get(i);
            }
        }
        return null;
    }
}
