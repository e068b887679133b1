package dev.qalam.platform.storage;

import dev.qalam.platform.auth.Public;
import dev.qalam.platform.errors.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLConnection;
import java.time.Instant;
import dev.qalam.platform.errors.ApiError;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Serves the local blob store's signed URLs: the signature is the credential, so no key is needed, and
 * a tampered or expired URL gets 403 / 410 without saying whether the blob exists.
 *
 * <p>The key is checked twice: its signature (so only keys this server signed are ever opened) and
 * the blob key rule (so even a key a feature signed by mistake cannot leave the blob folder). The blob is
 * sent with {@code nosniff} and a sandboxing CSP, because an uploaded file named {@code .html} or
 * {@code .svg} must not run as a page of this API's origin.
 */
@Path("/v1/files")
@Public
@Tag(name = "Files", description = "Signed, expiring download URLs")
public class FilesResource {

    @Inject
    BlobStore store;

    @Inject
    UrlSigner signer;

    @GET
    @Path("/{key: .+}")
    @Operation(summary = "Download a blob through a signed URL",
            description = "The URLs come from the OCR answers; the signature is the credential.")
    @SecurityRequirementsSet({})
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "application/octet-stream",
            schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "403", description = "Unsigned URL or invalid signature", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "No such file", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "410", description = "The URL has expired", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiError.class)))
    public Response download(@PathParam("key") String key,
                             @QueryParam("expires") @Parameter(description = "Expiry, in seconds since the epoch",
                                     schema = @Schema(type = SchemaType.INTEGER, format = "int64")) String expires,
                             @QueryParam("sig") @Parameter(description = "The signature") String sig) throws IOException {
        long now = Instant.now().getEpochSecond();
        InputStream in = openVerified(key, expires, sig, now);
        String type = URLConnection.guessContentTypeFromName(key);
        return Response.ok(in, type == null ? "application/octet-stream" : type)
                .header("Cache-Control", "private, max-age=" + Math.max(0, Long.parseLong(expires) - now))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .build();
    }

    /** The blob a signed URL names, or the {@link ApiException} its holder gets instead. */
    InputStream openVerified(String key, String expires, String sig, long now) throws IOException {
        if (expires == null || sig == null) {
            throw ApiException.forbidden("invalid_signature", "This URL is not signed.");
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            throw ApiException.forbidden("invalid_signature", "This URL's signature is not valid.");
        }
        if (!signer.matches(key, expiresAt, sig)) {
            throw ApiException.forbidden("invalid_signature", "This URL's signature is not valid.");
        }
        if (now > expiresAt) {
            throw ApiException.gone("url_expired", "This URL has expired; ask the API for a fresh one.");
        }
        try {
            BlobKeys.check(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such file.");
        }
        return store.open(key).orElseThrow(() -> ApiException.notFound("No such file."));
    }
}
