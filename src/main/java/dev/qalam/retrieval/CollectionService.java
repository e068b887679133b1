package dev.qalam.retrieval;

import dev.qalam.document.DocumentIntake;
import dev.qalam.document.DocumentKind;
import dev.qalam.document.InvalidDocumentException;
import dev.qalam.ocr.OcrConfig;
import dev.qalam.platform.auth.Budgets;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.jobs.JobLauncher;
import dev.qalam.platform.jobs.JobStatus;
import dev.qalam.platform.persistence.Ids;
import dev.qalam.platform.storage.BlobStore;
import dev.qalam.retrieval.api.RetrievalWire.CollectionCreated;
import dev.qalam.retrieval.api.RetrievalWire.CollectionItem;
import dev.qalam.retrieval.api.RetrievalWire.CollectionList;
import dev.qalam.retrieval.api.RetrievalWire.ContextItem;
import dev.qalam.retrieval.api.RetrievalWire.DocumentItem;
import dev.qalam.retrieval.api.RetrievalWire.DocumentList;
import dev.qalam.retrieval.api.RetrievalWire.DocumentStatus;
import dev.qalam.retrieval.api.RetrievalWire.IngestAccepted;
import dev.qalam.retrieval.api.RetrievalWire.QueryResult;
import dev.qalam.search.MetadataJson;
import dev.qalam.search.SearchHit;
import dev.qalam.search.SearchIndex;
import dev.qalam.search.SearchResults;
import dev.qalam.search.filter.MetadataFilter;
import dev.qalam.search.filter.PropertyValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The alRetrieval use cases behind {@link CollectionsResource} (docs/retrieval.md). */
@ApplicationScoped
public class CollectionService {

    private static final Logger LOG = Logger.getLogger(CollectionService.class.getName());

    /** What ingestion reads from files (docs/api-contract.md): PDF, DOCX, PPTX, text and Markdown. */
    static final Set<DocumentKind> FILE_KINDS = Collections.unmodifiableSet(
            EnumSet.of(DocumentKind.PDF, DocumentKind.DOCX, DocumentKind.PPTX, DocumentKind.TEXT, DocumentKind.MARKDOWN));

    /** The most text a pre-extracted document may carry, as for text files (docs/documents.md). */
    static final int MAX_JSON_CHARS = 20_000_000;

    static final int DEFAULT_TOP_K = 5;
    static final int MAX_TOP_K = 50;

    @Inject
    RetrievalRepository repository;

    @Inject
    RetrievalConfig config;

    @Inject
    OcrConfig ocrConfig;

    @Inject
    RetrievalService retrieval;

    @Inject
    SearchIndex index;

    @Inject
    DocumentIntake intake;

    @Inject
    BlobStore blobs;

    @Inject
    Budgets budgets;

    @Inject
    JobLauncher launcher;

    public CollectionCreated create(String owner) {
        RetrievalCollection c = new RetrievalCollection(Ids.hex(16), owner, Instant.now());
        repository.create(c);
        return new CollectionCreated(c.id());
    }

    public CollectionList list(String owner) {
        return new CollectionList(repository.collections(owner).stream()
                .map(c -> new CollectionItem(c.id(), c.createdAt())).toList());
    }

    /** The owner's collection; 404 for an unknown one or another owner's. */
    public RetrievalCollection owned(String owner, String collectionId) {
        return repository.collectionOwned(collectionId, owner)
                .orElseThrow(() -> ApiException.notFound("Collection not found."));
    }

    private RetrievalDocument ownedDocument(String owner, String collectionId, String docId) {
        owned(owner, collectionId);
        return repository.documentIn(collectionId, docId).orElseThrow(() -> ApiException.notFound("Document not found."));
    }

    // ---- ingestion

    /**
     * Pre-extracted pages: {@code {"title", "filename", "pages": [...], "metadata"?}}, each page a string or
     * {@code {"page_num"?, "text"}} (docs/api-contract.md). The pages are stored with the document, so the
     * job only chunks, embeds and indexes them.
     */
    public IngestAccepted ingestJson(QalamPrincipal caller, String collectionId, JsonObject body, byte[] raw) {
        owned(caller.owner(), collectionId);
        if (body == null) {
            throw ApiException.badRequest("invalid_request", "The request body must be a JSON object.");
        }
        String filename = optionalString(body, "filename");
        String title = optionalString(body, "title");
        Map<String, Object> metadata = PropertyValues.validate(body.get("metadata"), "metadata");
        TreeMap<Integer, String> pages = jsonPages(body.get("pages"));
        String name = safeName(filename != null && !filename.isBlank() ? filename
                : title != null && !title.isBlank() ? title + ".json" : null, "document.json");
        String docTitle = title != null && !title.isBlank() ? clip(title.strip(), 1000) : titleOf(name);
        String id = Ids.hex(16);
        String key = RetrievalDocument.blobPrefix(collectionId, id) + "source.json";
        try {
            blobs.put(key, raw, "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the document " + key, e);
        }
        boolean kept = false;
        try {
            RetrievalDocument doc = new RetrievalDocument(id, collectionId, caller.owner(), caller.keyId(), name, docTitle,
                    "application/json", null, key, raw.length, pages.size(), MetadataJson.write(metadata), Instant.now());
            List<RetrievalPage> rows = new ArrayList<>();
            pages.forEach((n, text) -> rows.add(RetrievalPages.given(id, n, text)));
            repository.createDocument(doc, rows);
            kept = true;
        } finally {
            if (!kept) {
                deleteBlobsQuietly(collectionId, id);
            }
        }
        launch(id);
        return new IngestAccepted(id, JobStatus.QUEUED.wire(), pages.size(), collectionId);
    }

    private TreeMap<Integer, String> jsonPages(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            throw value == null || value == JsonValue.NULL
                    ? ApiException.badRequest("missing_pages", "The body must have 'pages', an array of page texts.")
                    : ApiException.badRequest("invalid_pages", "'pages' must be an array of strings or {\"page_num\", \"text\"} objects.");
        }
        if (array.size() > config.maxPages()) {
            throw ApiException.badRequest("too_many_pages", "At most " + config.maxPages() + " pages are accepted.");
        }
        TreeMap<Integer, String> pages = new TreeMap<>();
        long chars = 0;
        boolean anyText = false;
        for (int i = 0; i < array.size(); i++) {
            JsonValue v = array.get(i);
            int num;
            String text;
            if (v instanceof JsonString s) {
                num = i + 1;
                text = s.getString();
            } else if (v instanceof JsonObject o) {
                JsonValue t = o.get("text");
                if (!(t instanceof JsonString ts)) {
                    throw ApiException.badRequest("invalid_pages", "pages[" + i + "].text must be a string.");
                }
                text = ts.getString();
                JsonValue n = o.get("page_num");
                if (n == null || n == JsonValue.NULL) {
                    num = i + 1;
                } else if (n instanceof JsonNumber jn && jn.isIntegral() && jn.longValue() >= 1 && jn.longValue() <= 1_000_000) {
                    num = jn.intValue();
                } else {
                    throw ApiException.badRequest("invalid_pages", "pages[" + i + "].page_num must be an integer >= 1.");
                }
            } else {
                throw ApiException.badRequest("invalid_pages", "pages[" + i + "] must be a string or a {\"page_num\", \"text\"} object.");
            }
            if (pages.put(num, text) != null) {
                throw ApiException.badRequest("invalid_pages", "Page " + num + " is given twice.");
            }
            chars += text.length();
            anyText |= !text.isBlank();
        }
        if (chars > MAX_JSON_CHARS) {
            throw ApiException.badRequest("document_too_large", "The pages hold more than " + MAX_JSON_CHARS + " characters.");
        }
        if (!anyText) {
            throw ApiException.badRequest("empty_content", "The pages hold no text.");
        }
        return pages;
    }

    /**
     * A file (multipart field {@code file}): its kind told by its bytes, checked, counted and stored, then queued.
     * A PDF goes through OCR page by page and needs the OCR page balance for all its pages (402 otherwise).
     */
    public IngestAccepted ingestFile(QalamPrincipal caller, String collectionId, String filename, InputStream content,
            String metadataJson) {
        owned(caller.owner(), collectionId);
        Map<String, Object> metadata = Map.of();
        if (metadataJson != null && !metadataJson.isBlank()) {
            metadata = PropertyValues.validate(parseMetadata(metadataJson), "metadata");
        }
        String id = Ids.hex(16);
        boolean kept = false;
        try {
            DocumentIntake.StoredDocument stored;
            try {
                stored = intake.store(RetrievalDocument.blobPrefix(collectionId, id) + "source", content, filename,
                        new DocumentIntake.Rules(FILE_KINDS, ocrConfig.maxUploadBytes(), config.maxPages()));
            } catch (DocumentIntake.UploadTooLargeException e) {
                throw ApiException.payloadTooLarge("The file is larger than " + ocrConfig.maxUploadMb() + " MB.");
            } catch (InvalidDocumentException e) {
                throw ApiException.badRequest(e.code(), e.getMessage());
            }
            int pages = stored.pages();
            if (pages > config.maxPages()) {
                throw ApiException.badRequest("too_many_pages", "The document has more than " + config.maxPages()
                        + " pages; at most " + config.maxPages() + " are accepted.");
            }
            if (stored.kind() == DocumentKind.PDF) {
                Long balance = budgets.ocrPagesLeft(caller.keyId());
                if (balance != null && balance < pages) {
                    throw ApiException.paymentRequired("insufficient_ocr_balance", "Insufficient OCR page balance: the PDF has "
                            + pages + " pages, the balance is " + balance + ".");
                }
            }
            String name = safeName(filename, "document." + stored.kind().extension());
            RetrievalDocument doc = new RetrievalDocument(id, collectionId, caller.owner(), caller.keyId(), name, titleOf(name),
                    mimeType(stored.kind()), stored.kind(), stored.key(), stored.bytes(), pages, MetadataJson.write(metadata),
                    Instant.now());
            repository.createDocument(doc, List.of());
            kept = true;
            launch(id);
            return new IngestAccepted(id, JobStatus.QUEUED.wire(), pages, collectionId);
        } finally {
            if (!kept) {
                deleteBlobsQuietly(collectionId, id);
            }
        }
    }

    private static JsonValue parseMetadata(String json) {
        try (var r = dev.qalam.platform.json.Jsonp.PROVIDER.createReader(new java.io.StringReader(json))) {
            return r.readValue();
        } catch (RuntimeException e) {
            throw ApiException.badRequest("invalid_metadata", "The form field 'metadata' must hold a JSON object.");
        }
    }

    private void launch(String id) {
        try {
            launcher.start(IngestionJobKind.JOB_XML, id);
        } catch (RuntimeException e) {
            // The document is stored and queued; the supervisor starts it on its next round.
            LOG.log(Level.WARNING, "Ingestion of document " + id + " could not be started now; the supervisor will", e);
        }
    }

    static String mimeType(DocumentKind kind) {
        return switch (kind) {
            case TEXT -> "text/plain";
            case MARKDOWN -> "text/markdown";
            default -> kind.contentType();
        };
    }

    static String safeName(String filename, String fallback) {
        String name = filename == null ? "" : filename.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}]", "").strip();
        if (name.isEmpty()) {
            name = fallback;
        }
        return clip(name, 255);
    }

    static String titleOf(String filename) {
        int dot = filename.lastIndexOf('.');
        return dot > 0 ? filename.substring(0, dot) : filename;
    }

    private static String clip(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    private static String optionalString(JsonObject o, String name) {
        JsonValue v = o.get(name);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonString s)) {
            throw ApiException.badRequest("invalid_" + name, "'" + name + "' must be a string.");
        }
        return s.getString();
    }

    // ---- status, listing

    public DocumentStatus status(String owner, String collectionId, String docId) {
        RetrievalDocument doc = ownedDocument(owner, collectionId, docId);
        String status = wireStatus(doc);
        return new DocumentStatus(doc.id(), status, "error".equals(status) ? doc.error() : null);
    }

    /**
     * The status a client sees: a failure that the supervisor will retry on its own is still {@code processing},
     * so a client polling for {@code ready} or {@code error} does not give up on a document that will be ready.
     */
    String wireStatus(RetrievalDocument doc) {
        if (doc.status() == JobStatus.ERROR && doc.retryable() && config.retries().allowsAnother(doc.retryCount())) {
            return "processing";
        }
        return doc.wireStatus();
    }

    public DocumentList documents(String owner, String collectionId, URI baseUri) {
        owned(owner, collectionId);
        List<DocumentItem> items = new ArrayList<>();
        for (RetrievalDocument d : repository.documents(collectionId)) {
            items.add(new DocumentItem(d.id(), d.filename(), wireStatus(d), d.mimeType(), d.totalPages(),
                    MetadataJson.read(d.metadata()), blobs.url(d.sourceKey(), config.fileUrlTtl(), baseUri).toString(),
                    d.createdAt()));
        }
        return new DocumentList(collectionId, items);
    }

    // ---- query

    /** {@code {"query", "doc_ids"?, "top_k"?, "filter_metadata"?}}: checked in full before it is charged. */
    public QueryResult query(QalamPrincipal caller, String collectionId, JsonObject body) {
        owned(caller.owner(), collectionId);
        if (body == null) {
            throw ApiException.badRequest("invalid_request", "The request body must be a JSON object.");
        }
        JsonValue q = body.get("query");
        if (q == null || q == JsonValue.NULL) {
            throw ApiException.unprocessable("missing_query", "The body must have 'query', the question to search for.");
        }
        if (!(q instanceof JsonString qs)) {
            throw ApiException.badRequest("invalid_query", "'query' must be a string.");
        }
        String query = qs.getString();
        if (query.isBlank()) {
            throw ApiException.unprocessable("missing_query", "'query' is empty.");
        }
        if (query.length() > 10_000) {
            throw ApiException.badRequest("invalid_query", "'query' is longer than 10,000 characters.");
        }
        Set<String> docIds = docIds(body.get("doc_ids"));
        int topK = DEFAULT_TOP_K;
        JsonValue k = body.get("top_k");
        if (k != null && k != JsonValue.NULL) {
            if (!(k instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1 || n.longValue() > MAX_TOP_K) {
                throw ApiException.badRequest("invalid_top_k", "'top_k' must be an integer from 1 to " + MAX_TOP_K + ".");
            }
            topK = n.intValue();
        }
        Optional<MetadataFilter> filter = MetadataFilter.parse(body.get("filter_metadata"), "filter_metadata");
        for (String id : docIds) {
            if (repository.documentIn(collectionId, id).isEmpty()) {
                throw ApiException.notFound("Document not found: " + id + ".");
            }
        }
        budgets.chargeRequest(caller);
        List<String> scope = docIds.isEmpty() ? repository.readyDocumentIds(List.of(collectionId)) : List.copyOf(docIds);
        SearchResults results = retrieval.hits(Set.of(collectionId), docIds, query, topK, filter);
        Map<String, Optional<RetrievalDocument>> docs = new HashMap<>();
        List<ContextItem> context = new ArrayList<>();
        for (SearchHit hit : results.hits()) {
            var c = hit.chunk();
            Optional<RetrievalDocument> doc = docs.computeIfAbsent(c.documentId(), repository::document);
            if (doc.isEmpty()) {
                continue;
            }
            String title = c.title().isBlank() ? doc.get().title() : c.title();
            context.add(new ContextItem(title, c.pageStart(), c.pageEnd(), hit.score(), hit.snippet(), hit.directHit(),
                    c.documentId()));
        }
        return new QueryResult(context, scope);
    }

    private static Set<String> docIds(JsonValue v) {
        if (v == null || v == JsonValue.NULL) {
            return Set.of();
        }
        if (!(v instanceof JsonArray a)) {
            throw ApiException.badRequest("invalid_doc_ids", "'doc_ids' must be an array of document ids.");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonValue e : a) {
            if (!(e instanceof JsonString s) || s.getString().isBlank()) {
                throw ApiException.badRequest("invalid_doc_ids", "'doc_ids' must be an array of document ids.");
            }
            ids.add(s.getString());
        }
        return ids;
    }

    // ---- deletion

    /** Deletes a document: its rows, chunks, index entries and stored file. */
    public void deleteDocument(String owner, String collectionId, String docId) {
        delete(ownedDocument(owner, collectionId, docId));
    }

    /** Deletes a collection with every document in it. */
    public void deleteCollection(String owner, String collectionId) {
        owned(owner, collectionId);
        for (RetrievalDocument d : repository.documents(collectionId)) {
            delete(d);
        }
        index.deleteCollection(collectionId);
        repository.deleteCollectionRow(collectionId);
        try {
            blobs.deletePrefix("retrieval/" + collectionId + "/");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete the files of collection " + collectionId, e);
        }
    }

    private void delete(RetrievalDocument doc) {
        if (doc.executionId() != null && !doc.status().terminal()) {
            launcher.stop(doc.executionId());
        }
        repository.deleteDocumentRows(doc.id());
        index.deleteDocument(doc.id());
        deleteBlobsQuietly(doc.collectionId(), doc.id());
    }

    private void deleteBlobsQuietly(String collectionId, String id) {
        try {
            blobs.deletePrefix(RetrievalDocument.blobPrefix(collectionId, id));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete the files of document " + id, e);
        }
    }
}
