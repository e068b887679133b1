package dev.qalam.llm;

import dev.qalam.llm.api.ModelObject;
import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
import dev.qalam.platform.errors.ApiError;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}}: the models this server can serve now. */
@Path("/v1/models")
@RequiresScope(Scope.MODELS)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "LLM")
public class ModelsResource {

    @Inject
    ModelCatalog catalog;

    @Inject
    LatencyStats latency;

    @GET
    @Operation(summary = "List models", description = "The models this server can serve now (requires the models scope).")
    @APIResponse(responseCode = "200", description = "OK",
            content = @Content(schema = @Schema(implementation = ModelObject.ModelList.class)))
    public ModelObject.ModelList listModels() {
        return new ModelObject.ModelList("list", catalog.available().stream().map(this::view).toList());
    }

    @GET
    @Path("{id: .+}")
    @Operation(summary = "Retrieve a model")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = ModelObject.class)))
    @APIResponse(responseCode = "404", description = "Unknown model", content = @Content(schema = @Schema(implementation = ApiError.class)))
    public ModelObject retrieveModel(@PathParam("id") String id) {
        return catalog.find(id).filter(catalog::isAvailable).map(this::view)
                .orElseThrow(() -> LlmErrors.modelNotFound(id));
    }

    private ModelObject view(CatalogModel m) {
        return new ModelObject(m.id(), "model", m.created(), m.ownedBy(), m.type(), latency.averageMillis(m.id()));
    }
}
