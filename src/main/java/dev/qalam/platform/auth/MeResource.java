package dev.qalam.platform.auth;

import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /v1/me}: who the credential is, so that a client (the web console) can check a key or token
 * before using it and offer only what its scopes allow.
 */
@Path("/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Keys")
public class MeResource {

    /**
     * @param keyId  the API key's id; null for an SSO token
     * @param method {@code api_key}, {@code admin_key} or {@code sso}
     */
    public record Me(String subject, @JsonbNillable String keyId, String owner, @JsonbNillable String teamId,
                     List<String> teamIds, List<String> scopes, String method) {
    }

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Who you are", description = "The caller's identity, owner, teams and scopes.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = Me.class)))
    public Me me() {
        QalamPrincipal p = caller.principal();
        return new Me(p.subject(), p.keyId(), p.owner(), p.teamId(), p.teamIds(), KeyViews.wire(p.scopes()),
                p.method().name().toLowerCase(Locale.ROOT));
    }
}
