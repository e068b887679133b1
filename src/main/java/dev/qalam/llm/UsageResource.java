package dev.qalam.llm;

import dev.qalam.llm.api.UsageReport;
import dev.qalam.platform.auth.Caller;
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

/** {@code GET /v1/usage}: the caller's owner's LLM usage (any credential; a team's keys share their team's). */
@Path("/v1/usage")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Usage", description = "Requests and tokens by model and by day")
public class UsageResource {

    @Inject
    UsageReports reports;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "Your usage", description = "Requests and tokens of your owner (your team, or your key) "
            + "by model and by UTC day, from the usage ledger; the last 30 days unless from/to say otherwise.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(schema = @Schema(implementation = UsageReport.class)))
    @APIResponse(responseCode = "400", description = UsageReports.BAD_RANGE,
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    public UsageReport usage(@Parameter(description = UsageReports.FROM) @QueryParam("from") String from,
                             @Parameter(description = UsageReports.TO) @QueryParam("to") String to) {
        return reports.report(caller.owner(), from, to);
    }
}
