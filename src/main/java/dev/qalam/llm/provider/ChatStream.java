package dev.qalam.llm.provider;

/**
 * A streamed answer whose upstream call is open (the provider accepted the request) but whose body has
 * not been read yet. Opening is where retries and fallbacks happen; once {@link #pump} has delivered
 * anything, a failure can only end the stream.
 */
public interface ChatStream {

    /**
     * Reads the whole answer into the sink and returns when the upstream signalled its end.
     *
     * @throws UpstreamException when the upstream fails, stalls or ends the stream before its end marker
     */
    void pump(ChatStreamSink sink);

    /** Cancels the upstream call; safe from any thread, any number of times. */
    void cancel();
}
