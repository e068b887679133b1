package dev.qalam.llm;

import dev.qalam.llm.api.ModelObject;
import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}}: the models this server can serve now. */
@Path("/v1/models")
@RequiresScope(Scope.MODELS)
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ModelsResource {

    @Inject
    ModelCatalog catalog;

    @Inject
    LatencyStats latency;

    @GET
    public ModelObject.ModelList listModels() {
        return new ModelObject.ModelList("list", catalog.available().stream().map(this::view).toList());
    }

    @GET
    @Path("{id: .+}")
    public ModelObject retrieveModel(@PathParam("id") String id) {
        return catalog.find(id).filter(catalog::isAvailable).map(this::view)
                .orElseThrow(() -> ChatService.modelNotFound(id));
    }

    private ModelObject view(CatalogModel m) {
        return new ModelObject(m.id(), "model", m.created(), m.ownedBy(), m.type(), latency.averageMillis(m.id()));
    }
}
