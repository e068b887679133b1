package dev.qalam.platform.jobs;

import java.io.IOException;

/**
 * What a feature tells the job mechanism about one kind of job: its Jakarta Batch job XML, its entity, and
 * the decisions only the feature can make. Implement it as an {@code @ApplicationScoped} bean; the
 * {@link JobSupervisor}, {@link JobLauncher} and {@link TrackedJobListener} find every such bean. See the
 * package documentation for the whole recipe.
 *
 * @param <J> the feature's job entity
 */
public interface JobKind<J extends TrackedJob> {

    /** The job XML's name under {@code META-INF/batch-jobs} (also its {@code id} attribute). */
    String jobXml();

    Class<J> entity();

    /** The retry cap and backoff: automatic retries stop at the cap, and so does the API's retry, if the feature has one. */
    RetryPolicy retries();

    /**
     * Whether running the job again can succeed because its input is still kept (an uploaded file).
     * An {@link IOException} means "cannot tell now": the retry waits for the next round.
     */
    default boolean inputKept(J job) throws IOException {
        return true;
    }

    /** Whether every unit of work is stored, so the job is done once its batch execution ended. */
    boolean complete(J job);

    /** The public message of a job that stopped short without a recorded reason. */
    String incompleteMessage(J job);

    /** What a client following the job sees for its current state, expired included. */
    JobEvent event(J job);

    /**
     * Deletes everything the job made or kept (files, result rows), leaving its row as the tombstone.
     * Called only when no execution of the job runs any more, so nothing is written after it.
     */
    void purge(J job) throws IOException;
}
