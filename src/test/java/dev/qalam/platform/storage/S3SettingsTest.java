package dev.qalam.platform.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class S3SettingsTest {

    private static Optional<S3Settings> from(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return S3Settings.from(n -> Optional.ofNullable(m.get(n)));
    }

    @Test
    void noBucketMeansTheLocalStore() {
        assertTrue(from().isEmpty());
        assertTrue(from(S3Settings.BUCKET, "  ", S3Settings.ENDPOINT, "http://minio:9000").isEmpty());
    }

    @Test
    void awsDefaults() {
        S3Settings s = from(S3Settings.BUCKET, "qalam").orElseThrow();
        assertEquals("qalam", s.bucket());
        assertNull(s.endpoint());
        assertEquals("us-east-1", s.region());
        assertFalse(s.pathStyle(), "virtual-hosted style on AWS");
        assertNull(s.accessKey(), "the SDK's default credentials chain");
        assertEquals("", s.prefix());
    }

    @Test
    void anEndpointTurnsOnPathStyleUnlessToldOtherwise() {
        S3Settings s = from(S3Settings.BUCKET, "b", S3Settings.ENDPOINT, "http://minio:9000",
                S3Settings.REGION, "me-central-1", S3Settings.ACCESS_KEY, "ak", S3Settings.SECRET_KEY, "sk",
                S3Settings.PREFIX, "qalam/prod").orElseThrow();
        assertEquals(URI.create("http://minio:9000"), s.endpoint());
        assertTrue(s.pathStyle());
        assertEquals("me-central-1", s.region());
        assertEquals("qalam/prod/", s.prefix());
        assertFalse(s.toString().contains("sk"), "the secret never reaches a log");
        assertFalse(from(S3Settings.BUCKET, "b", S3Settings.ENDPOINT, "https://r2.example", S3Settings.PATH_STYLE, "false")
                .orElseThrow().pathStyle());
        assertTrue(from(S3Settings.BUCKET, "b", S3Settings.PATH_STYLE, "true").orElseThrow().pathStyle());
    }

    @Test
    void badSettingsAreRefusedAtStartup() {
        assertThrows(IllegalArgumentException.class, () -> from(S3Settings.BUCKET, "b", S3Settings.ACCESS_KEY, "only-half"));
        assertThrows(IllegalArgumentException.class, () -> from(S3Settings.BUCKET, "b", S3Settings.ENDPOINT, "minio:9000"));
        assertThrows(IllegalArgumentException.class, () -> from(S3Settings.BUCKET, "b", S3Settings.PREFIX, "../x"));
    }
}
