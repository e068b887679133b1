package dev.qalam.deployment;

import dev.qalam.deployment.api.DeploymentViews;
import dev.qalam.platform.auth.Caller;
import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
import dev.qalam.platform.errors.ApiError;
import dev.qalam.platform.errors.ApiException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Deployments of a team (docs/deployment.md): the operator creates and deletes them (scope {@code admin}); the
 * team's own keys with scope {@code deployment} may read them, and another team's keys get 403.
 */
@Path("/v1/admin/teams/{teamId}/deployments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Deployments", description = "LLM applications of a team, served by the Deployment API")
public class DeploymentsResource {

    @Inject
    DeploymentService deployments;

    @Inject
    Caller caller;

    @POST
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Create a deployment", description = "A chat model with a system prompt, a temperature and "
            + "a knowledge base (collections searched for `top_k` passages per question, default 5, at most 50).")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = DeploymentViews.DeploymentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body, unknown model or collection",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "401", description = "Missing or invalid API key",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "403", description = "Not an operator key",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Unknown team",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response create(@PathParam("teamId") String teamId, DeploymentViews.CreateDeployment body) {
        Deployment d = deployments.create(caller.principal(), teamId, body);
        return Response.status(201).entity(DeploymentViews.DeploymentView.of(d)).build();
    }

    @GET
    @RequiresScope(Scope.DEPLOYMENT)
    @Operation(summary = "List a team's deployments", description = "The operator, or a key of the team with scope "
            + "`deployment`.")
    @APIResponse(responseCode = "200", description = "The team's deployments, newest first",
            content = @Content(schema = @Schema(implementation = DeploymentViews.DeploymentList.class)))
    @APIResponse(responseCode = "403", description = "A key of another team",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Unknown team",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DeploymentViews.DeploymentList list(@PathParam("teamId") String teamId) {
        return new DeploymentViews.DeploymentList(deployments.list(caller.principal(), teamId).stream()
                .map(DeploymentViews.DeploymentView::of).toList());
    }

    @GET
    @Path("/{id}")
    @RequiresScope(Scope.DEPLOYMENT)
    @Operation(summary = "Get a deployment")
    @APIResponse(responseCode = "200", description = "The deployment",
            content = @Content(schema = @Schema(implementation = DeploymentViews.DeploymentView.class)))
    @APIResponse(responseCode = "403", description = "A key of another team",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @APIResponse(responseCode = "404", description = "Unknown deployment",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DeploymentViews.DeploymentView get(@PathParam("teamId") String teamId, @PathParam("id") String id) {
        return DeploymentViews.DeploymentView.of(deployments.find(caller.principal(), teamId, id));
    }

    @GET
    @Path("/{id}/requests")
    @RequiresScope(Scope.DEPLOYMENT)
    @Operation(summary = "Recent chat requests of a deployment",
            description = "Newest first, with the `source` and `sourceId` each request was sent with.")
    @APIResponse(responseCode = "200", description = "The requests",
            content = @Content(schema = @Schema(implementation = DeploymentViews.RequestList.class)))
    @APIResponse(responseCode = "404", description = "Unknown deployment",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public DeploymentViews.RequestList requests(@PathParam("teamId") String teamId, @PathParam("id") String id,
                                                @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("invalid_value", "limit: between 1 and 1000.");
        }
        return new DeploymentViews.RequestList(deployments.requests(caller.principal(), teamId, id, limit).stream()
                .map(DeploymentViews.RequestView::of).toList());
    }

    @DELETE
    @Path("/{id}")
    @RequiresScope(Scope.ADMIN)
    @Operation(summary = "Delete a deployment", description = "Its endpoint answers 404 at once.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "Unknown deployment",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public Response delete(@PathParam("teamId") String teamId, @PathParam("id") String id) {
        deployments.delete(caller.principal(), teamId, id);
        return Response.noContent().build();
    }
}
