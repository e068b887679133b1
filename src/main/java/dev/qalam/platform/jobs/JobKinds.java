package dev.qalam.platform.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every {@link JobKind} bean of the application, by job XML name. */
@ApplicationScoped
public class JobKinds {

    @Inject
    @Any
    Instance<JobKind<?>> beans;

    private volatile Map<String, JobKind<?>> byXml;

    public List<JobKind<?>> all() {
        return List.copyOf(map().values());
    }

    public JobKind<?> byJobXml(String jobXml) {
        JobKind<?> kind = map().get(jobXml);
        if (kind == null) {
            throw new IllegalStateException("No JobKind bean for the batch job " + jobXml);
        }
        return kind;
    }

    private Map<String, JobKind<?>> map() {
        if (byXml == null) {
            byXml = beans.stream().collect(Collectors.toUnmodifiableMap(JobKind::jobXml, Function.identity()));
        }
        return byXml;
    }
}
