package dev.qalam.platform.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import dev.qalam.platform.persistence.Ids;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The job mechanism's settings and this server's identity. Servers sharing a database must have clocks
 * that agree to well within the lease (NTP): a lease is compared with the reader's clock.
 */
@ApplicationScoped
public class JobSettings {

    /** How long a server's claim on a job lasts without renewal: a dead server's jobs wait this long. */
    @Inject
    @ConfigProperty(name = "QALAM_JOB_LEASE_SECONDS", defaultValue = "30")
    long leaseSeconds;

    /** How often the supervisor looks for jobs to start, resume, take over, retry or expire. */
    @Inject
    @ConfigProperty(name = "QALAM_JOB_SUPERVISOR_INTERVAL_SECONDS", defaultValue = "5")
    long intervalSeconds;

    /**
     * This run of this server: host, process and a random part, so that a restarted server (same host, maybe
     * the same pid in a container) is a different owner and never mistakes its dead predecessor's claims for
     * its own.
     */
    private final String serverId = host() + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/" + Ids.hex(4);

    public String serverId() {
        return serverId;
    }

    public Duration lease() {
        return Duration.ofSeconds(Math.max(3, leaseSeconds));
    }

    /** Three renewals per lease, so that one slow renewal never loses it. */
    public Duration heartbeat() {
        return lease().dividedBy(3);
    }

    public Duration interval() {
        return Duration.ofSeconds(Math.max(1, intervalSeconds));
    }

    private static String host() {
        try {
            String h = InetAddress.getLocalHost().getHostName();
            return h.length() > 80 ? h.substring(0, 80) : h;
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
