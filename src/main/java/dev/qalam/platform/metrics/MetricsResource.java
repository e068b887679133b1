package dev.qalam.platform.metrics;

import dev.qalam.platform.auth.RequiresScope;
import dev.qalam.platform.auth.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The server's metrics for monitoring, behind a credential: the operator's key, or a key with the scope
 * {@code metrics} made for the monitoring system. Liberty's own {@code /metrics} endpoint is closed
 * ({@code <mpMetrics authentication="true"/>} with no user allowed), since it answered anyone.
 */
@Path("/v1/metrics")
@RequiresScope(Scope.METRICS)
@ApplicationScoped
@Tag(name = "Operations")
public class MetricsResource {

    @Inject
    @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
    MetricRegistry application;

    @Inject
    @RegistryScope(scope = MetricRegistry.BASE_SCOPE)
    MetricRegistry base;

    @Inject
    @RegistryScope(scope = MetricRegistry.VENDOR_SCOPE)
    MetricRegistry vendor;

    @GET
    @Produces("text/plain; version=0.0.4; charset=utf-8")
    @Operation(summary = "Metrics in the Prometheus text format (scope metrics)")
    public String metrics(@QueryParam("scope") String scope) {
        StringBuilder out = new StringBuilder();
        if (scope == null || scope.equals(MetricRegistry.APPLICATION_SCOPE)) {
            PrometheusText.append(out, MetricRegistry.APPLICATION_SCOPE, application.getMetrics());
        }
        if (scope == null || scope.equals(MetricRegistry.BASE_SCOPE)) {
            PrometheusText.append(out, MetricRegistry.BASE_SCOPE, base.getMetrics());
        }
        if (scope == null || scope.equals(MetricRegistry.VENDOR_SCOPE)) {
            PrometheusText.append(out, MetricRegistry.VENDOR_SCOPE, vendor.getMetrics());
        }
        return out.toString();
    }
}
