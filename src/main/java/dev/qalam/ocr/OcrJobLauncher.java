package dev.qalam.ocr;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts and resumes the {@code ocr-document} batch job for an OCR job. Resuming prefers
 * {@link JobOperator#restart}, which continues every partition from its last checkpoint; when the old
 * execution cannot be restarted (it is still marked as running by a server that is gone, or was abandoned)
 * a new execution starts instead, and its readers skip the pages already stored, so either way no page is
 * done twice.
 */
@ApplicationScoped
public class OcrJobLauncher {

    public static final String JOB_XML = "ocr-document";
    public static final String TOKEN = "token";

    private static final Logger LOG = Logger.getLogger(OcrJobLauncher.class.getName());

    @Inject
    OcrJobRepository jobs;

    public long start(String token) {
        Properties p = new Properties();
        p.setProperty(TOKEN, token);
        long execution = BatchRuntime.getJobOperator().start(JOB_XML, p);
        jobs.recordLaunch(token, execution);
        return execution;
    }

    /** Continues a job from where its last execution stopped. */
    public long resume(OcrJob job) {
        JobOperator operator = BatchRuntime.getJobOperator();
        Long previous = job.executionId();
        if (previous != null) {
            try {
                JobExecution last = operator.getJobExecution(previous);
                BatchStatus s = last.getBatchStatus();
                if (s == BatchStatus.FAILED || s == BatchStatus.STOPPED) {
                    Properties p = new Properties();
                    p.setProperty(TOKEN, job.id());
                    long execution = operator.restart(previous, p);
                    jobs.recordLaunch(job.id(), execution);
                    return execution;
                }
                if (s == BatchStatus.STARTED || s == BatchStatus.STARTING || s == BatchStatus.STOPPING) {
                    // Left "running" by a server that stopped: it will never finish; mark it so and start afresh.
                    try {
                        operator.abandon(previous);
                    } catch (RuntimeException ignored) {
                        // Only a stopped execution can be abandoned; a fresh start is right either way.
                    }
                }
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "OCR job " + job.id() + ": execution " + previous + " cannot be restarted ("
                        + e.getMessage() + "); starting a new one");
            }
        }
        return start(job.id());
    }

    /** Whether the job's batch execution is still alive in this server. */
    public BatchStatus status(long executionId) {
        try {
            return BatchRuntime.getJobOperator().getJobExecution(executionId).getBatchStatus();
        } catch (RuntimeException e) {
            return null;
        }
    }

    public void stop(long executionId) {
        try {
            BatchRuntime.getJobOperator().stop(executionId);
        } catch (RuntimeException ignored) {
            // Not running any more: nothing to stop.
        }
    }
}
