package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiError;
import dev.qalam.platform.errors.ApiException;
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

/** The operator's management endpoints (scope {@code admin}): teams and API keys. */
@Path("/v1/admin")
@RequiresScope(Scope.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Admin", description = "Teams and API keys (scope admin)")
public class AdminResource {

    @Inject
    KeyService keys;

    @Inject
    Caller caller;

    @POST
    @Path("/teams")
    @Operation(summary = "Create a team", description = "`trial: true` puts the team on the Deployment API's daily "
            + "trial limit; `daily_request_limit` gives it a limit of its own, trial or not.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = KeyViews.TeamView.class)))
    @APIResponse(responseCode = "400", description = "Missing body, blank or too long name, unknown scope or team, negative budget", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response createTeam(KeyViews.CreateTeam body) {
        requireBody(body);
        return Response.status(201).entity(KeyViews.TeamView.of(keys.createTeam(body.name(),
                Boolean.TRUE.equals(body.trial()), body.dailyRequestLimit()))).build();
    }

    @GET
    @Path("/teams")
    @Operation(summary = "List teams")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = KeyViews.TeamList.class)))
    public KeyViews.TeamList teams() {
        return new KeyViews.TeamList(keys.teams().stream().map(KeyViews.TeamView::of).toList());
    }

    @POST
    @Path("/keys")
    @Operation(summary = "Create an API key", description = "The secret (`key`) is returned only in this answer.")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = KeyViews.CreatedKey.class)))
    @APIResponse(responseCode = "400", description = "Missing body, blank or too long name, unknown scope or team, negative budget", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response createKey(KeyViews.CreateKey body) {
        requireBody(body);
        KeyService.KeyRequest req = new KeyService.KeyRequest(body.name(), ScopeParser.parse(body.scopes()),
                body.teamId(), body.ocrPageBalance(), body.requestLimit());
        KeyService.IssuedKey issued = keys.createByAdmin(req, caller.principal().subject());
        return Response.status(201).entity(KeyViews.CreatedKey.of(issued)).build();
    }

    @GET
    @Path("/keys")
    @Operation(summary = "List API keys (without secrets)")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = KeyViews.KeyList.class)))
    public KeyViews.KeyList listKeys() {
        return new KeyViews.KeyList(KeyViews.of(keys.all(), keys));
    }

    @DELETE
    @Path("/keys/{id}")
    @Operation(summary = "Revoke an API key", description = "The key stops working at once.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "404", description = "No such key", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response revokeKey(@PathParam("id") String id) {
        keys.revoke(id);
        return Response.noContent().build();
    }

    static void requireBody(Object body) {
        if (body == null) {
            throw ApiException.badRequest("missing_body", "A JSON request body is required.");
        }
    }
}
