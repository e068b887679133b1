package dev.qalam.platform.jobs;

/**
 * This server no longer holds the job's lease (another server took the job over after this one failed to
 * renew it, or the job expired): whatever the current transaction was about to store must roll back.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(String jobId) {
        super("This server no longer holds the lease of job " + jobId);
    }
}
