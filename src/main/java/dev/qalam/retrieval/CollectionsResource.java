package dev.qalam.retrieval;

import dev.qalam.llm.ChatRequestParser;
import dev.qalam.platform.auth.Caller;
import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
import dev.qalam.platform.errors.ApiError;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.http.MultipartNames;
import dev.qalam.retrieval.api.RetrievalWire.CollectionCreated;
import dev.qalam.retrieval.api.RetrievalWire.CollectionList;
import dev.qalam.retrieval.api.RetrievalWire.DocumentList;
import dev.qalam.retrieval.api.RetrievalWire.DocumentStatus;
import dev.qalam.retrieval.api.RetrievalWire.IngestAccepted;
import dev.qalam.retrieval.api.RetrievalWire.QueryResult;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The alRetrieval API of docs/api-contract.md (docs/retrieval.md): collections, ingestion, status, query, listing. */
@Path("/v1/alRetrieval/collections")
@RequiresScope(Scope.ALRETRIEVAL)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "alRetrieval", description = "Collections of Arabic and English documents, ingested and searched")
public class CollectionsResource {

    @Inject
    Caller caller;

    @Inject
    CollectionService service;

    @Context
    UriInfo uriInfo;

    @POST
    @Operation(summary = "Create an empty collection owned by the caller")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CollectionCreated.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid API key", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "The key lacks the alretrieval scope", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public CollectionCreated create() {
        return service.create(caller.owner());
    }

    @GET
    @Operation(summary = "The caller's collections, newest first")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CollectionList.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid API key", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public CollectionList list() {
        return service.list(caller.owner());
    }

    @DELETE
    @Path("/{collection_id}")
    @Operation(summary = "Delete a collection with its documents, chunks, index entries and files")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Collection not found or not owned by caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response deleteCollection(@PathParam("collection_id") String collectionId) {
        service.deleteCollection(caller.owner(), collectionId);
        return Response.noContent().build();
    }

    @POST
    @Path("/{collection_id}/documents/ingest")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a document (PDF, DOCX, PPTX, TXT, MD) for asynchronous ingestion")
    @RequestBody(required = true, content = {
        @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "file",
                properties = {
                    @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary",
                            description = "The document: PDF (OCR, charged to the OCR page balance), DOCX, PPTX, TXT or MD"),
                    @SchemaProperty(name = "metadata", type = SchemaType.STRING,
                            description = "A JSON object of file properties (strings, numbers, booleans, ISO dates)")})),
        @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT, requiredProperties = "pages",
                properties = {
                    @SchemaProperty(name = "title", type = SchemaType.STRING),
                    @SchemaProperty(name = "filename", type = SchemaType.STRING),
                    @SchemaProperty(name = "pages", type = SchemaType.ARRAY,
                            description = "Page texts in order, or {\"page_num\", \"text\"} objects"),
                    @SchemaProperty(name = "metadata", type = SchemaType.OBJECT, description = "File properties")}))})
    @APIResponse(responseCode = "200", description = "Accepted: processing goes on asynchronously",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestAccepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid request, missing file, unsupported file type, or empty content", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "402", description = "Insufficient OCR page balance (PDF only)", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Collection not found or not owned by caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "File too large", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "Unsupported Content-Type", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public IngestAccepted ingestFile(@PathParam("collection_id") String collectionId, List<EntityPart> parts) throws IOException {
        service.owned(caller.owner(), collectionId);
        EntityPart file = part(parts, "file").orElseThrow(() -> ApiException.badRequest("missing_file",
                "Send the document as the multipart form field 'file'."));
        Optional<EntityPart> meta = part(parts, "metadata");
        String metadata = meta.isPresent() ? meta.get().getContent(String.class) : null;
        try (InputStream in = file.getContent()) {
            return service.ingestFile(caller.principal(), collectionId, MultipartNames.fileName(file), in, metadata);
        }
    }

    @POST
    @Path("/{collection_id}/documents/ingest")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public IngestAccepted ingestJson(@PathParam("collection_id") String collectionId, byte[] body) {
        service.owned(caller.owner(), collectionId);
        return service.ingestJson(caller.principal(), collectionId,
                ChatRequestParser.readObject(new String(body, StandardCharsets.UTF_8)), body);
    }

    private static Optional<EntityPart> part(List<EntityPart> parts, String name) {
        return parts == null ? Optional.empty() : parts.stream().filter(p -> name.equals(MultipartNames.name(p))).findFirst();
    }

    @GET
    @Path("/{collection_id}/documents/{doc_id}/status")
    @Operation(summary = "The processing status of an ingested document")
    @APIResponse(responseCode = "200", description = "processing, ready, or error (with error)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentStatus.class)))
    @APIResponse(responseCode = "404", description = "Collection or document not found, or not owned by caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DocumentStatus status(@PathParam("collection_id") String collectionId, @PathParam("doc_id") String docId) {
        return service.status(caller.owner(), collectionId, docId);
    }

    @DELETE
    @Path("/{collection_id}/documents/{doc_id}")
    @Operation(summary = "Delete a document with its chunks, index entries and file")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Collection or document not found, or not owned by caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response deleteDocument(@PathParam("collection_id") String collectionId, @PathParam("doc_id") String docId) {
        service.deleteDocument(caller.owner(), collectionId, docId);
        return Response.noContent().build();
    }

    @GET
    @Path("/{collection_id}/documents")
    @Operation(summary = "The collection's documents, with a download URL valid for one hour")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentList.class)))
    @APIResponse(responseCode = "404", description = "Collection not found or not owned by caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DocumentList documents(@PathParam("collection_id") String collectionId) {
        return service.documents(caller.owner(), collectionId, uriInfo.getBaseUri());
    }

    @POST
    @Path("/{collection_id}/query")
    @Operation(summary = "Search the collection's ready documents with a natural-language question (charges one LLM request)")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(
            type = SchemaType.OBJECT, requiredProperties = "query", properties = {
                @SchemaProperty(name = "query", type = SchemaType.STRING, description = "The question"),
                @SchemaProperty(name = "doc_ids", type = SchemaType.ARRAY, description = "Only these documents (default: every ready one)"),
                @SchemaProperty(name = "top_k", type = SchemaType.INTEGER, description = "How many passages, 1 to 50 (default 5)"),
                @SchemaProperty(name = "filter_metadata", type = SchemaType.OBJECT,
                        description = "A filter on the documents' properties (Elasticsearch query DSL subset)")})))
    @APIResponse(responseCode = "200", description = "The best passages, best first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueryResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid request body", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "402", description = "Request limit exceeded", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Document not found or not owned by caller", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "Missing query field", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public QueryResult query(@PathParam("collection_id") String collectionId, String body) {
        service.owned(caller.owner(), collectionId);
        return service.query(caller.principal(), collectionId, ChatRequestParser.readObject(body));
    }
}
