package dev.qalam.retrieval;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.time.Instant;

/** A collection of documents, owned by one owner (a team or a key, docs/api-contract.md). */
@Entity
@Table(name = "QALAM_RETRIEVAL_COLLECTION", indexes = {
        @Index(name = "QALAM_RETRIEVAL_COLLECTION_OWNER", columnList = "OWNER")})
public class RetrievalCollection {

    @Id
    @Column(name = "ID", length = 40)
    private String id;

    @Column(name = "OWNER", nullable = false, length = 300)
    private String owner;

    @Column(name = "CREATED_AT", nullable = false)
    private Instant createdAt;

    protected RetrievalCollection() {
    }

    public RetrievalCollection(String id, String owner, Instant createdAt) {
        this.id = id;
        this.owner = owner;
        this.createdAt = createdAt;
    }

    public String id() { return id; }
    public String owner() { return owner; }
    public Instant createdAt() { return createdAt; }
}
