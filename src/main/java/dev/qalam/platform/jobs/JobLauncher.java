package dev.qalam.platform.jobs;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts, resumes and stops the batch executions of tracked jobs, by job XML name. Every execution gets the
 * job's id as the job parameter {@value #JOB_ID}. Only the server holding a job's lease launches it.
 *
 * <p>Resuming prefers {@link JobOperator#restart}, which continues every partition from its last
 * checkpoint. An execution that cannot be restarted (still marked running by a server that died: the batch
 * job repository is shared too, and only the server that ran it marks it failed, when that server starts
 * again) is left as it is, and a new execution starts instead; the kinds' readers skip the units already
 * stored, so either way nothing is done twice.
 */
@ApplicationScoped
public class JobLauncher {

    public static final String JOB_ID = "jobId";

    private static final Logger LOG = Logger.getLogger(JobLauncher.class.getName());
    private static final Set<BatchStatus> RUNNING = EnumSet.of(BatchStatus.STARTING, BatchStatus.STARTED, BatchStatus.STOPPING);

    @Inject
    JobKinds kinds;

    @Inject
    TrackedJobs jobs;

    /** Executions launched by this server in this run: the only ones whose batch status tells it anything. */
    private final Set<Long> launchedHere = ConcurrentHashMap.newKeySet();

    /** Starts a new execution of a job this server holds. */
    public long start(String jobXml, String jobId) {
        JobKind<?> kind = kinds.byJobXml(jobXml);
        long execution = BatchRuntime.getJobOperator().start(kind.jobXml(), parameters(jobId));
        launchedHere.add(execution);
        jobs.recordLaunch(kind.entity(), jobId, execution);
        return execution;
    }

    /** Continues a job this server holds from where its last execution (here or on another server) stopped. */
    public long resume(String jobXml, TrackedJob job) {
        JobKind<?> kind = kinds.byJobXml(jobXml);
        JobOperator operator = BatchRuntime.getJobOperator();
        Long previous = job.executionId();
        if (previous != null) {
            try {
                JobExecution last = operator.getJobExecution(previous);
                BatchStatus s = last.getBatchStatus();
                if (s == BatchStatus.FAILED || s == BatchStatus.STOPPED) {
                    long execution = operator.restart(previous, parameters(job.id()));
                    launchedHere.add(execution);
                    jobs.recordLaunch(kind.entity(), job.id(), execution);
                    return execution;
                }
                if (RUNNING.contains(s)) {
                    LOG.info(() -> "Job " + job.id() + ": execution " + previous + " is still marked " + s
                            + " by the server that ran it; starting a new execution");
                }
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "Job " + job.id() + ": execution " + previous + " cannot be restarted ("
                        + e.getClass().getSimpleName() + "); starting a new one");
            }
        }
        return start(jobXml, job.id());
    }

    /** Whether this server launched the execution and it has not ended. */
    public boolean runningHere(Long executionId) {
        BatchStatus s = statusHere(executionId);
        return s != null && RUNNING.contains(s);
    }

    /** The status of an execution this server launched; null for any other. */
    public BatchStatus statusHere(Long executionId) {
        if (executionId == null || !launchedHere.contains(executionId)) {
            return null;
        }
        try {
            return BatchRuntime.getJobOperator().getJobExecution(executionId).getBatchStatus();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Asks an execution this server runs to stop after its current chunk. */
    public void stop(Long executionId) {
        if (!runningHere(executionId)) {
            return;
        }
        try {
            BatchRuntime.getJobOperator().stop(executionId);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Execution " + executionId + " ended before it could be stopped", e);
        }
    }

    private static Properties parameters(String jobId) {
        Properties p = new Properties();
        p.setProperty(JOB_ID, jobId);
        return p;
    }
}
