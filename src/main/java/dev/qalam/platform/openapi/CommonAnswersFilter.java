package dev.qalam.platform.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * Adds to every operation the error answers that come from the request filters every endpoint passes through,
 * rather than from the endpoint itself, so that no resource has to repeat them and none can forget them:
 * 401 and 403 from authentication and the scope check ({@code platform/auth}; not on public operations, which
 * declare an empty {@code @SecurityRequirementsSet} and are written {@code security: []}), 413 and 400 {@code invalid_json} on every operation that takes a body
 * ({@code platform/http}, {@code platform/errors}). An answer an operation documents itself is kept.
 * Registered as {@code mp.openapi.filter}.
 */
public class CommonAnswersFilter implements OASFilter {

    static final String ERROR_SCHEMA = "#/components/schemas/ApiError";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean securedByDefault = openAPI.getSecurity() != null && !openAPI.getSecurity().isEmpty();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> e : item.getOperations().entrySet()) {
                addCommonAnswers(e.getValue(), securedByDefault);
            }
        }
    }

    static void addCommonAnswers(Operation op, boolean securedByDefault) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = op.getResponses();
        List<SecurityRequirement> security = op.getSecurity();
        if (security != null && security.stream().allMatch(r -> r.getSchemes() == null || r.getSchemes().isEmpty())) {
            // An empty @SecurityRequirementsSet comes out as [{}] ("optional"); a public operation is [].
            security = new ArrayList<>();
            op.setSecurity(security);
        }
        boolean secured = security == null ? securedByDefault : !security.isEmpty();
        if (op.getRequestBody() != null) {
            boolean json = op.getRequestBody().getContent() != null
                    && op.getRequestBody().getContent().hasMediaType("application/json");
            if (json) {
                add(responses, "400", "Invalid request: not JSON, nested too deeply, or a field of the wrong type "
                        + "or out of range");
            }
            add(responses, "413", "The request body is larger than the server accepts");
        }
        if (secured) {
            add(responses, "401", "Missing, invalid or revoked API key or access token");
            add(responses, "403", "The API key or token lacks the scope this operation requires");
        }
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        APIResponse answer = OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(ERROR_SCHEMA))));
        responses.addAPIResponse(status, answer);
    }
}
