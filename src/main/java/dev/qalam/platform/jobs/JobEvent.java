package dev.qalam.platform.jobs;

/**
 * A job moved on, as the clients following it see it: {@code name} is the SSE event name, {@code data} the
 * feature's record (written as JSON). {@code order} only grows while the job runs (units of work done), so
 * a broadcaster that hears of the same job from several places sends nothing older than what it sent;
 * a {@code terminal} event ends the stream.
 */
public record JobEvent(String jobId, String name, Object data, boolean terminal, long order) {

    public static JobEvent progress(String jobId, Object data, long order) {
        return new JobEvent(jobId, "progress", data, false, order);
    }

    public static JobEvent last(String jobId, String name, Object data) {
        return new JobEvent(jobId, name, data, true, Long.MAX_VALUE);
    }
}
