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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Serves the local blob store's signed URLs: the signature is the credential, so no key is needed, and
 * a tampered or expired URL gets 403 / 410 without saying whether the blob exists.
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
    @Operation(summary = "Download a blob through a signed URL")
    public Response download(@PathParam("key") String key, @QueryParam("expires") Long expires,
                             @QueryParam("sig") String sig) throws IOException {
        long now = Instant.now().getEpochSecond();
        if (expires == null || sig == null) {
            throw ApiException.forbidden("invalid_signature", "This URL is not signed.");
        }
        // The signature alone here (a "now" before any expiry): an expired URL is answered below with 410.
        if (!signer.verify(key, expires, sig, Long.MIN_VALUE)) {
            throw ApiException.forbidden("invalid_signature", "This URL's signature is not valid.");
        }
        if (now > expires) {
            throw ApiException.gone("url_expired", "This URL has expired; ask the API for a fresh one.");
        }
        try {
            LocalBlobStore.checkKey(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("No such file.");
        }
        InputStream in = store.open(key).orElseThrow(() -> ApiException.notFound("No such file."));
        String type = URLConnection.guessContentTypeFromName(key);
        return Response.ok(in, type == null ? "application/octet-stream" : type)
                .header("Cache-Control", "private, max-age=" + Math.max(0, expires - now))
                .build();
    }
}
