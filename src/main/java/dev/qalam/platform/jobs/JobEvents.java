package dev.qalam.platform.jobs;

import dev.qalam.platform.persistence.AfterTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Announces a {@link JobEvent} to this server's {@link JobProgressBroadcaster} once the change it describes commits. */
@ApplicationScoped
public class JobEvents {

    private static final Logger LOG = Logger.getLogger(JobEvents.class.getName());

    @Inject
    Event<JobEvent> bus;

    @Inject
    AfterTransaction afterTransaction;

    public void publish(JobEvent event) {
        afterTransaction.onCommit(() -> {
            try {
                bus.fireAsync(event);
            } catch (RejectedExecutionException e) {
                // The server is shutting down: nobody is left to follow the job here.
                LOG.log(Level.FINE, "Job event not sent: the server is stopping", e);
            }
        });
    }
}
