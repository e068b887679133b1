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
import dev.qalam.platform.errors.ApiException;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The OCR API of the seed: upload, job status, retry, single page, thumbnails, page images, progress events. */
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
    OcrProgressBroadcaster broadcaster;

    @Context
    UriInfo uriInfo;

    @POST
    @Path("/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @UploadSizeLimit.Bound
    @Operation(summary = "Upload a document (PDF, PNG, JPEG or TIFF) and start OCR")
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
    public OcrJobStatus status(@PathParam("token") String token) {
        return service.status(caller.owner(), token);
    }

    @POST
    @Path("/jobs/{token}/retry")
    @Operation(summary = "Retry a failed OCR job without uploading it again")
    public OcrRetry retry(@PathParam("token") String token) {
        return service.retry(caller.owner(), token);
    }

    @GET
    @Path("/jobs/{token}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Follow an OCR job's progress as server-sent events")
    public void events(@PathParam("token") String token, @Context SseEventSink sink, @Context Sse sse) {
        String owner = caller.owner();
        service.snapshot(owner, token);
        broadcaster.subscribe(token, sink, sse, () -> service.snapshot(owner, token));
    }

    @GET
    @Path("/jobs/{token}/{page_num}")
    @Operation(summary = "Text, thumbnail and image of one page")
    public OcrPageDetail page(@PathParam("token") String token, @PathParam("page_num") String pageNum) {
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
    public ThumbnailList thumbnails(@PathParam("token") String token, @QueryParam("start") String start,
                                    @QueryParam("limit") String limit) {
        return service.thumbnails(caller.owner(), token, integer("start", start), integer("limit", limit), uriInfo.getBaseUri());
    }

    @GET
    @Path("/images/{token}")
    @Operation(summary = "Full-resolution page images, paginated")
    public ImageList images(@PathParam("token") String token, @QueryParam("start") String start,
                            @QueryParam("limit") String limit) {
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
