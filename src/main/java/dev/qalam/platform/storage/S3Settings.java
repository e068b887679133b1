package dev.qalam.platform.storage;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the S3-compatible store is and how to reach it, read from MicroProfile Config (so from
 * environment variables of the same names). Present only when {@code QALAM_S3_BUCKET} is set.
 *
 * @param endpoint  null for AWS itself; the base URL of MinIO, Ceph, OCI, R2... otherwise
 * @param accessKey null (with {@code secretKey}) to use the SDK's default credentials chain
 *                  (environment, profile, container or instance role)
 * @param pathStyle {@code http://host/bucket/key} rather than {@code http://bucket.host/key}: what most
 *                  self-hosted stores need, so the default when an endpoint is set
 * @param prefix    prepended to every key, empty or ending in {@code /}, so one bucket can hold several
 *                  deployments
 */
public record S3Settings(String bucket, URI endpoint, String region, String accessKey, String secretKey,
                         boolean pathStyle, String prefix) {

    public static final String BUCKET = "QALAM_S3_BUCKET";
    public static final String ENDPOINT = "QALAM_S3_ENDPOINT";
    public static final String REGION = "QALAM_S3_REGION";
    public static final String ACCESS_KEY = "QALAM_S3_ACCESS_KEY";
    public static final String SECRET_KEY = "QALAM_S3_SECRET_KEY";
    public static final String PATH_STYLE = "QALAM_S3_PATH_STYLE";
    public static final String PREFIX = "QALAM_S3_PREFIX";

    public S3Settings {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException(BUCKET + " is empty");
        }
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalArgumentException(ACCESS_KEY + " and " + SECRET_KEY + " must be set together");
        }
        region = region == null || region.isBlank() ? "us-east-1" : region;
        prefix = normalisePrefix(prefix);
    }

    /**
     * The settings that {@code lookup} (a config property by name, blank counting as absent) describes,
     * or empty when no bucket is set and the local store applies.
     */
    public static Optional<S3Settings> from(Function<String, Optional<String>> lookup) {
        Function<String, String> get = name -> lookup.apply(name).map(String::strip).filter(s -> !s.isEmpty())
                .orElse(null);
        String bucket = get.apply(BUCKET);
        if (bucket == null) {
            return Optional.empty();
        }
        String endpoint = get.apply(ENDPOINT);
        URI endpointUri = null;
        if (endpoint != null) {
            endpointUri = URI.create(endpoint);
            if (endpointUri.getScheme() == null || endpointUri.getHost() == null) {
                throw new IllegalArgumentException(ENDPOINT + " must be an absolute http(s) URL: " + endpoint);
            }
        }
        String pathStyle = get.apply(PATH_STYLE);
        boolean path = pathStyle == null ? endpointUri != null : Boolean.parseBoolean(pathStyle);
        return Optional.of(new S3Settings(bucket, endpointUri, get.apply(REGION), get.apply(ACCESS_KEY),
                get.apply(SECRET_KEY), path, get.apply(PREFIX)));
    }

    private static String normalisePrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return "";
        }
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.isEmpty()) {
            return "";
        }
        p = p.endsWith("/") ? p : p + "/";
        BlobKeys.checkPrefix(p);
        return p;
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "S3Settings[bucket=" + bucket + ", endpoint=" + (endpoint == null ? "AWS" : endpoint)
                + ", region=" + region + ", credentials=" + (accessKey == null ? "default chain" : "static "
                + accessKey) + ", pathStyle=" + pathStyle + ", prefix=" + prefix + "]";
    }
}
