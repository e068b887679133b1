package dev.qalam.platform.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A team: keys of one team share its resources, and its deployments live under {@code /api/deployment/{teamId}}.
 * A team on a free trial gets the Deployment API's daily team limit ({@code QALAM_RATE_TEAM_TRIAL_REQUESTS});
 * the operator may give any team a limit of its own ({@code dailyRequestLimit}), see docs/deployment-rate-limits.md.
 */
@Entity
@Table(name = "QALAM_TEAM")
@NamedQuery(name = "Team.all", query = "SELECT t FROM Team t ORDER BY t.createdAt DESC")
public class Team {

    @Id
    @Column(length = 40)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    @Column(name = "TRIAL", nullable = false)
    private boolean trial;

    /** Requests per team window of the Deployment API, whether on a trial or not; null: the trial default or none. */
    @Column(name = "DAILY_REQUEST_LIMIT")
    private Long dailyRequestLimit;

    protected Team() {
    }

    public Team(String id, String name) {
        this(id, name, false, null);
    }

    public Team(String id, String name, boolean trial, Long dailyRequestLimit) {
        this.id = id;
        this.name = name;
        this.trial = trial;
        this.dailyRequestLimit = dailyRequestLimit;
        this.createdAt = Instant.now();
    }

    public String id() { return id; }
    public String name() { return name; }
    public Instant createdAt() { return createdAt; }
    public boolean trial() { return trial; }
    public Long dailyRequestLimit() { return dailyRequestLimit; }
}
