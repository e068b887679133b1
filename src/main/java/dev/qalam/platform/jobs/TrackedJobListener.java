package dev.qalam.platform.jobs;

import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The job listener every tracked job's XML declares ({@code <listener ref="trackedJobListener">} with the
 * property {@code jobId}): {@code processing} when an execution starts, {@code done}/{@code error} when it
 * ends, back to the queue (free for any server) when it was stopped. The kind is found by the job's name.
 */
@Named("trackedJobListener")
@Dependent
public class TrackedJobListener implements JobListener {

    @Inject
    JobContext context;

    @Inject
    @BatchProperty
    String jobId;

    @Inject
    JobKinds kinds;

    @Inject
    TrackedJobs jobs;

    @Inject
    JobSupervisor supervisor;

    @Override
    public void beforeJob() {
        jobs.markProcessing(kinds.byJobXml(context.getJobName()).entity(), jobId, context.getExecutionId());
    }

    @Override
    public void afterJob() {
        JobKind<?> kind = kinds.byJobXml(context.getJobName());
        BatchStatus status = context.getBatchStatus();
        if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
            // Qalam itself stops only expired jobs; any other stop is the server shutting down.
            if (jobs.requeue(kind.entity(), jobId)) {
                supervisor.holdOff();
            }
            return;
        }
        jobs.finish(kind, jobId);
    }
}
