package dev.qalam.platform.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A team: keys of one team share its resources, and its deployments live under {@code /api/deployment/{teamId}}. */
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

    protected Team() {
    }

    public Team(String id, String name) {
        this.id = id;
        this.name = name;
        this.createdAt = Instant.now();
    }

    public String id() { return id; }
    public String name() { return name; }
    public Instant createdAt() { return createdAt; }
}
