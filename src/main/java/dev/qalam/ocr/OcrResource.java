package dev.qalam.ocr;

import dev.qalam.ocr.OcrWire.ImageList;
import dev.qalam.ocr.OcrWire.OcrJobStatus;
import dev.qalam.ocr.OcrWire.OcrPageDetail;
import dev.qalam.ocr.OcrWire.OcrRetry;
import dev.qalam.ocr.OcrWire.OcrUpload;
import dev.qalam.ocr.OcrWire.ThumbnailList;
import dev.qalam.platform.auth.Caller;
import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
import dev.qalam.platform.errors.ApiError;
import dev.qalam.platform.http.MultipartNames;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.jobs.JobProgressBroadcaster;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OCR API of docs/api-contract.md: upload, job status, retry, single page, thumbnails, page images, progress
 * events.
 */
@Path("/v1/ocr")
@RequiresScope(Scope.OCR)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "OCR", description = "Arabic and English OCR of PDFs and page images")
public class OcrResource {

    @Inject
    Caller caller;

    @Inject
    OcrJobService service;

    @Inject
    JobProgressBroadcaster broadcaster;

    @Context
    UriInfo uriInfo;

    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Upload a document (PDF, PNG, JPEG or TIFF) and start OCR")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
            type = SchemaType.OBJECT, requiredProperties = "file", properties = {
                @SchemaProperty(name = "file", type = SchemaType.STRING, format = "binary",
                        description = "The document: PDF, PNG, JPEG or TIFF"),
                @SchemaProperty(name = "expires_in", type = SchemaType.INTEGER,
                        description = "Seconds to keep the job and its files, if less than the server's lifetime")})))
    @APIResponse(responseCode = "200", description = "The job was created; poll it at /v1/ocr/jobs/{token}",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OcrUpload.class)))
    @APIResponse(responseCode = "400", description = "Missing, empty, unsupported, encrypted or invalid file; too many pages", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "402", description = "Insufficient OCR page balance", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "413", description = "File too large", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "415", description = "Not multipart/form-data", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public OcrUpload upload(List<EntityPart> parts) throws IOException {
        EntityPart file = part(parts, "file").orElseThrow(() -> ApiException.badRequest("missing_file",
                "Send the document as the multipart form field 'file'."));
        Long expiresIn = null;
        Optional<EntityPart> ttl = part(parts, "expires_in");
        if (ttl.isPresent()) {
            try {
                expiresIn = Long.parseLong(ttl.get().getContent(String.class).strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid_expires_in", "expires_in must be a number of seconds.");
            }
        }
        try (InputStream in = file.getContent()) {
            return service.upload(caller.principal(), MultipartNames.fileName(file), in, expiresIn);
        }
    }

    private static Optional<EntityPart> part(List<EntityPart> parts, String name) {
        return parts == null ? Optional.empty() : parts.stream().filter(p -> name.equals(MultipartNames.name(p))).findFirst();
    }

    @GET
    @Path("/jobs/{token}")
    @Operation(summary = "Status and results of an OCR job")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OcrJobStatus.class)))
    @APIResponse(responseCode = "404", description = "Token unknown or not yours", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "410", description = "Job has expired", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public OcrJobStatus status(@PathParam("token") String token) {
        return service.status(caller.owner(), token);
    }

    @POST
    @Path("/jobs/{token}/retry")
    @Operation(summary = "Retry a failed OCR job without uploading it again")
    @APIResponse(responseCode = "200", description = "The job is queued again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OcrRetry.class)))
    @APIResponse(responseCode = "404", description = "Token unknown or not yours", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "409", description = "Job is already done / still uploading", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "422", description = "Legacy job without a retryable copy: re-upload", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "429", description = "Hit retry_count cap", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "502", description = "Upstream alOCR transport failure: safe to retry", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public OcrRetry retry(@PathParam("token") String token) {
        return service.retry(caller.owner(), token);
    }

    @GET
    @Path("/jobs/{token}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow an OCR job's progress as server-sent events",
            description = "A stream of `progress` events, each an OcrProgress object as JSON, until the job is done, "
                    + "failed or expired.")
    @APIResponse(responseCode = "200", description = "A stream of progress events",
            content = @Content(mediaType = MediaType.SERVER_SENT_EVENTS, schema = @Schema(implementation = OcrProgress.class)))
    @APIResponse(responseCode = "404", description = "Token unknown or not yours",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "410", description = "Job has expired",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    public void events(@PathParam("token") String token, @Context SseEventSink sink, @Context Sse sse) {
        String owner = caller.owner();
        service.snapshot(owner, token);
        broadcaster.subscribe(token, sink, sse, () -> service.progress(owner, token));
    }

    @GET
    @Path("/jobs/{token}/{page_num}")
    @Operation(summary = "Text, thumbnail and image of one page")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OcrPageDetail.class)))
    @APIResponse(responseCode = "400", description = "page_num must be >= 1", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Job or page not found", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "410", description = "Job has expired", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public OcrPageDetail page(@PathParam("token") String token, @PathParam("page_num")
            @Parameter(description = "The page, from 1", schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) String pageNum) {
        int n;
        try {
            n = Integer.parseInt(pageNum.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_page_num", "page_num must be an integer >= 1.");
        }
        return service.page(caller.owner(), token, n, uriInfo.getBaseUri());
    }

    @GET
    @Path("/thumbnails/{token}")
    @Operation(summary = "Page thumbnails, paginated")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ThumbnailList.class)))
    @APIResponse(responseCode = "400", description = "start or limit out of range", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Token unknown or not yours", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "410", description = "Job has expired", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ThumbnailList thumbnails(@PathParam("token") String token, @QueryParam("start")
            @Parameter(description = "0-based offset of the first page (default 0)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) String start,
                                    @QueryParam("limit")
            @Parameter(description = "How many pages (1-" + PageWindow.MAX_LIMIT + ", default " + PageWindow.DEFAULT_LIMIT + ")",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + PageWindow.MAX_LIMIT)) String limit) {
        return service.thumbnails(caller.owner(), token, integer("start", start), integer("limit", limit), uriInfo.getBaseUri());
    }

    @GET
    @Path("/images/{token}")
    @Operation(summary = "Full-resolution page images, paginated")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImageList.class)))
    @APIResponse(responseCode = "400", description = "start or limit out of range", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Token unknown or not yours", content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "410", description = "Job has expired", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ImageList images(@PathParam("token") String token, @QueryParam("start")
            @Parameter(description = "0-based offset of the first page (default 0)",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) String start,
                            @QueryParam("limit")
            @Parameter(description = "How many pages (1-" + PageWindow.MAX_LIMIT + ", default " + PageWindow.DEFAULT_LIMIT + ")",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + PageWindow.MAX_LIMIT)) String limit) {
        return service.images(caller.owner(), token, integer("start", start), integer("limit", limit), uriInfo.getBaseUri());
    }

    private static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid_" + name, name + " must be an integer.");
        }
    }
}
