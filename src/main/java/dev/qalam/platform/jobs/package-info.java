/**
 * Tracked jobs: long work as a Jakarta Batch job whose state clients read from a database row, that
 * survives restarts and crashes, is retried with backoff, expires, streams its progress, and is run by
 * exactly one of several servers sharing the database. OCR ({@code dev.qalam.ocr}) is the first user;
 * this is the guide for the next (document ingestion).
 *
 * <h2>Adding a kind of job</h2>
 * <ol>
 * <li><b>The row.</b> An {@code @Entity @Cacheable(false)} that extends {@link dev.qalam.platform.jobs.TrackedJob}
 * (id, status, public error, retries, execution, lifetime, lease) with the feature's own columns. Create it
 * with {@link dev.qalam.platform.jobs.TrackedJobs#create}, which stores it claimed by this server. Never set
 * the inherited columns yourself: every change goes through {@link dev.qalam.platform.jobs.TrackedJobs}.</li>
 * <li><b>The job XML</b> in {@code META-INF/batch-jobs/}, {@code restartable="true"}, with the shared
 * listener and the job id as a property of every artifact that needs it:
 * <pre>{@code
 * <listeners><listener ref="trackedJobListener"><properties>
 *   <property name="jobId" value="#{jobParameters['jobId']}"/>
 * </properties></listener></listeners>
 * }</pre>
 * Chunk steps whose writer stores a unit of work (a page, a chunk of text) in the chunk's transaction, and
 * calls {@link dev.qalam.platform.jobs.TrackedJobs#fence} last in that transaction (after its charges, so that
 * a failure recorded in a transaction of its own never waits for the job row the fence locks): a server that
 * lost the job (or a job that expired) then stores and charges nothing. Readers skip units already stored, so a new
 * execution (when the old one cannot be restarted) never does anything twice; a unique key on (job, unit)
 * makes that a database guarantee.</li>
 * <li><b>Failures.</b> Before a step throws, record why with
 * {@link dev.qalam.platform.jobs.TrackedJobs#recordFailure}: a code, a message written by Qalam (the
 * exception's own text goes to the log, never to the client), and whether running again can help. An
 * {@link java.lang.Error} (out of memory) is never retryable; a budget running out is not retryable (the
 * client tops up and retries by hand); a store or engine that is briefly unavailable is.</li>
 * <li><b>The kind.</b> An {@code @ApplicationScoped} bean implementing {@link dev.qalam.platform.jobs.JobKind}:
 * job XML name, entity, retry cap and backoff, whether the input is still kept, whether every unit is
 * stored, the progress event clients see (an {@code expired} one included), and how to delete everything
 * the job made. Nothing registers it by hand: the supervisor, launcher and listener find every such bean.</li>
 * <li><b>Launching.</b> {@link dev.qalam.platform.jobs.JobLauncher#start} right after creating the row (if it
 * fails, the supervisor launches it); a client's retry is
 * {@link dev.qalam.platform.jobs.TrackedJobs#claimRetry} then {@link dev.qalam.platform.jobs.JobLauncher#resume}.</li>
 * <li><b>Progress.</b> {@link dev.qalam.platform.jobs.JobEvents#publish} in the writer's transaction (sent
 * once it commits); an SSE endpoint hands its sink to
 * {@link dev.qalam.platform.jobs.JobProgressBroadcaster#subscribe} with a supplier of the job's current
 * event, which also carries progress made on another server.</li>
 * </ol>
 *
 * <h2>Several servers, one database</h2>
 * Every server has an identity for its run ({@link dev.qalam.platform.jobs.JobSettings#serverId}). A job is
 * run only by the server holding its lease ({@code LEASE_OWNER}, {@code LEASE_UNTIL}); the holder renews it
 * with every unit it commits and with a heartbeat every third of {@code QALAM_JOB_LEASE_SECONDS}. The
 * {@link dev.qalam.platform.jobs.JobSupervisor} of every server looks each round for jobs that no live server
 * holds (their server died, or stopped and let them go) and claims them by one conditional UPDATE, so only
 * one server wins; it then restarts the old execution, or starts a new one when the old one is still marked
 * running in the shared batch job repository (Liberty marks a dead server's executions failed only when that
 * same server starts again; until then such an execution stays {@code STARTED} and nothing reads it).
 * Automatic retries and expiry are claimed the same way. A server that stops cleanly lets its stopped jobs
 * go at once; one that dies holds them until its lease lapses. Servers' clocks must agree to well within
 * the lease, and each server needs its own Liberty identity (host, user directory and server name).
 *
 * <h2>Lifecycle</h2>
 * {@code queued} (claimed, launching) → {@code processing} (execution running) → {@code done} or
 * {@code error} (lease released). A retryable {@code error} is retried by the supervisor after the kind's
 * backoff, up to its cap. Past {@code expiresAt} the row becomes a tombstone (the API answers 410, streams
 * end with the kind's {@code expired} event), the execution is stopped, and once it has ended the kind's
 * {@link dev.qalam.platform.jobs.JobKind#purge} deletes its files and results; only then is the lease released.
 */
package dev.qalam.platform.jobs;
