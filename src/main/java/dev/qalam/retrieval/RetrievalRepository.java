package dev.qalam.retrieval;

import dev.qalam.platform.auth.Budgets;
import dev.qalam.platform.jobs.JobStatus;
import dev.qalam.platform.jobs.TrackedJobs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Collections, documents, pages and chunks in the database. A document's status, retries and lease change
 * only through {@link TrackedJobs}. Methods join the caller's transaction when there is one: a batch
 * chunk's rows, its OCR charge and its checkpoint commit together.
 */
@ApplicationScoped
public class RetrievalRepository {

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Inject
    TrackedJobs tracked;

    @Inject
    Budgets budgets;

    @Transactional
    public void create(RetrievalCollection collection) {
        em.persist(collection);
    }

    public Optional<RetrievalCollection> collection(String id) {
        return Optional.ofNullable(em.find(RetrievalCollection.class, id));
    }

    /** The owner's collection; another owner's is indistinguishable from an unknown one. */
    public Optional<RetrievalCollection> collectionOwned(String id, String owner) {
        return collection(id).filter(c -> c.owner().equals(owner));
    }

    /** The owner's collections, newest first. */
    public List<RetrievalCollection> collections(String owner) {
        return em.createQuery("SELECT c FROM RetrievalCollection c WHERE c.owner = :o ORDER BY c.createdAt DESC, c.id DESC",
                RetrievalCollection.class).setParameter("o", owner).getResultList();
    }

    public Optional<RetrievalDocument> document(String id) {
        return Optional.ofNullable(em.find(RetrievalDocument.class, id));
    }

    /** A document the batch runtime was started for: its absence means it was deleted meanwhile. */
    public RetrievalDocument require(String id) {
        return document(id).orElseThrow(() -> new DocumentGoneException(id));
    }

    public Optional<RetrievalDocument> documentIn(String collectionId, String id) {
        return document(id).filter(d -> d.collectionId().equals(collectionId));
    }

    /** The collection's documents, oldest first (the order they were ingested in). */
    public List<RetrievalDocument> documents(String collectionId) {
        return em.createQuery("SELECT d FROM RetrievalDocument d WHERE d.collectionId = :c ORDER BY d.createdAt, d.id",
                RetrievalDocument.class).setParameter("c", collectionId).getResultList();
    }

    /** The ids of the documents of these collections that are ready, oldest first. */
    public List<String> readyDocumentIds(Collection<String> collectionIds) {
        return em.createQuery("SELECT d.id FROM RetrievalDocument d WHERE d.collectionId IN :c AND d.status = :s "
                        + "ORDER BY d.createdAt, d.id", String.class)
                .setParameter("c", collectionIds).setParameter("s", JobStatus.DONE).getResultList();
    }

    /** The ids of the documents of these collections that are not ready (their chunks must not be found yet). */
    public Set<String> notReadyDocumentIds(Collection<String> collectionIds) {
        return new HashSet<>(em.createQuery("SELECT d.id FROM RetrievalDocument d WHERE d.collectionId IN :c AND d.status <> :s",
                        String.class)
                .setParameter("c", collectionIds).setParameter("s", JobStatus.DONE).getResultList());
    }

    /** Every ready document's id, for an index rebuild. */
    public List<RetrievalDocument> readyDocuments() {
        return em.createQuery("SELECT d FROM RetrievalDocument d WHERE d.status = :s ORDER BY d.createdAt, d.id",
                RetrievalDocument.class).setParameter("s", JobStatus.DONE).getResultList();
    }

    /** Stores a new document, claimed by this server, with the pages it came with (pre-extracted ones). */
    @Transactional
    public void createDocument(RetrievalDocument doc, List<RetrievalPage> pages) {
        tracked.create(doc);
        pages.forEach(em::persist);
    }

    public List<RetrievalPage> pages(String documentId) {
        return em.createQuery("SELECT p FROM RetrievalPage p WHERE p.documentId = :d ORDER BY p.pageNum", RetrievalPage.class)
                .setParameter("d", documentId).getResultList();
    }

    public Set<Integer> donePageNumbers(String documentId) {
        return new HashSet<>(em.createQuery("SELECT p.pageNum FROM RetrievalPage p WHERE p.documentId = :d", Integer.class)
                .setParameter("d", documentId).getResultList());
    }

    public int pagesDone(String documentId) {
        return em.createQuery("SELECT COUNT(p) FROM RetrievalPage p WHERE p.documentId = :d", Long.class)
                .setParameter("d", documentId).getSingleResult().intValue();
    }

    /**
     * Stores extracted pages, charging the OCR ones to the key's page balance, in the chunk's transaction;
     * pages stored before (a redone chunk) are neither stored nor charged again. Last it checks this
     * server's lease on the document (docs/jobs.md).
     */
    @Transactional
    public void saveExtractedPages(RetrievalDocument doc, List<RetrievalPage> pages) {
        Set<Integer> done = donePageNumbers(doc.id());
        List<RetrievalPage> fresh = pages.stream().filter(p -> !done.contains(p.pageNum())).toList();
        if (!fresh.isEmpty()) {
            if (doc.chargesOcr()) {
                budgets.chargeOcrPages(doc.keyId(), fresh.size());
            }
            fresh.forEach(em::persist);
            em.flush();
        }
        tracked.fence(RetrievalDocument.class, doc.id());
    }

    /** Records how many chunks the document makes (the same on every execution: chunking is deterministic). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void setChunkCount(String documentId, int count) {
        em.createQuery("UPDATE RetrievalDocument d SET d.chunkCount = :n WHERE d.id = :id")
                .setParameter("n", count).setParameter("id", documentId).executeUpdate();
    }

    public Set<Integer> doneChunkOrdinals(String documentId) {
        return new HashSet<>(em.createQuery("SELECT c.ordinal FROM RetrievalChunk c WHERE c.documentId = :d", Integer.class)
                .setParameter("d", documentId).getResultList());
    }

    public int chunksDone(String documentId) {
        return em.createQuery("SELECT COUNT(c) FROM RetrievalChunk c WHERE c.documentId = :d", Long.class)
                .setParameter("d", documentId).getSingleResult().intValue();
    }

    /** Stores chunks (replacing any of the same id), then checks this server's lease, in the chunk's transaction. */
    @Transactional
    public void saveChunks(String documentId, List<RetrievalChunk> chunks) {
        chunks.forEach(em::merge);
        em.flush();
        tracked.fence(RetrievalDocument.class, documentId);
    }

    public List<RetrievalChunk> chunks(String documentId) {
        return em.createQuery("SELECT c FROM RetrievalChunk c WHERE c.documentId = :d ORDER BY c.ordinal", RetrievalChunk.class)
                .setParameter("d", documentId).getResultList();
    }

    /** Deletes a document's rows: chunks, pages, and the document itself. */
    @Transactional
    public void deleteDocumentRows(String documentId) {
        em.createQuery("DELETE FROM RetrievalChunk c WHERE c.documentId = :d").setParameter("d", documentId).executeUpdate();
        em.createQuery("DELETE FROM RetrievalPage p WHERE p.documentId = :d").setParameter("d", documentId).executeUpdate();
        em.createQuery("DELETE FROM RetrievalDocument d WHERE d.id = :d").setParameter("d", documentId).executeUpdate();
    }

    @Transactional
    public void deleteCollectionRow(String collectionId) {
        em.createQuery("DELETE FROM RetrievalCollection c WHERE c.id = :c").setParameter("c", collectionId).executeUpdate();
    }
}
