package dev.qalam.llm.provider;

/** Where a provider's stream delivers its increments, in order, on the thread that pumps the stream. */
public interface ChatStreamSink {

    void delta(ChunkDelta delta);

    /** The tokens the provider counted, once, when it reports them (usually at the end). */
    void usage(Usage usage);

    /** True once the client has gone away: the provider stops reading and cancels the upstream call. */
    boolean cancelled();
}
