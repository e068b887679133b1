package dev.qalam.llm;

import dev.qalam.llm.api.UsageReport;
import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
import dev.qalam.platform.errors.ApiError;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /v1/admin/usage}: everyone's LLM usage, for the operator. A class of its own: a root resource at
 * {@code /v1/admin/usage} is matched before {@link dev.qalam.platform.auth.AdminResource}'s {@code /v1/admin}.
 */
@Path("/v1/admin/usage")
@RequiresScope(Scope.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage")
public class AdminUsageResource {

    @Inject
    UsageReports reports;

    @GET
    @Operation(summary = "Everyone's usage", description = "Requests and tokens of every owner by model and by UTC "
            + "day (scope admin); the last 30 days unless from/to say otherwise.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = UsageReport.class)))
    @APIResponse(responseCode = "400", description = UsageReports.BAD_RANGE,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public UsageReport usage(@Parameter(description = UsageReports.FROM) @QueryParam("from") String from,
                             @Parameter(description = UsageReports.TO) @QueryParam("to") String to) {
        return reports.report(null, from, to);
    }
}
