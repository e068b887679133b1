package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Self-service keys: any caller (a key, or a user signed in through SSO) makes, lists and revokes its own
 * keys, limited to its own scopes and sharing its owner (docs/api-contract.md, "Keys, teams, scopes and
 * ownership").
 */
@Path("/v1/keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Keys", description = "Your own API keys")
public class KeysResource {

    /** The budgets are optional caps of the new key's own; it also draws on its maker's. */
    public record CreateOwnKey(String name, java.util.List<String> scopes, Long ocrPageBalance, Long requestLimit) {
    }

    @Inject
    KeyService keys;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Create an API key for yourself", description = "Scopes are limited to your own; "
            + "`ocr_page_balance` and `request_limit` cap the new key, which also draws on your own budgets.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = KeyViews.CreatedKey.class)))
    @APIResponse(responseCode = "400", description = "Missing body, blank or too long name, unknown scope, negative budget", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(CreateOwnKey body) {
        AdminResource.requireBody(body);
        KeyService.IssuedKey issued = keys.createForCaller(caller.principal(), body.name(),
                ScopeParser.parse(body.scopes()), body.ocrPageBalance(), body.requestLimit());
        return Response.status(201).entity(KeyViews.CreatedKey.of(issued)).build();
    }

    @GET
    @Operation(summary = "List the keys you made")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = KeyViews.KeyList.class)))
    public KeyViews.KeyList list() {
        return new KeyViews.KeyList(KeyViews.of(keys.createdBy(caller.principal()), keys));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke one of your keys")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key of yours", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response revoke(@PathParam("id") String id) {
        keys.revokeOwn(caller.principal(), id);
        return Response.noContent().build();
    }
}
