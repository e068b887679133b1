package dev.qalam.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import org.junit.jupiter.api.Test;

public class JsonbProviderTest {

    public record Sample(String pageNum, Integer absent, @JsonbNillable String shownNull, Instant createdAt) {
    }

    @Test
    void snakeCaseNamesOmittedNullsAndSecondPrecisionTimestamps() {
        String json = JsonbProvider.jsonb().toJson(
                new Sample("1", null, null, Instant.parse("2026-02-05T18:30:00.123456Z")));
        assertEquals("{\"created_at\":\"2026-02-05T18:30:00Z\",\"page_num\":\"1\",\"shown_null\":null}", json);
    }

    @Test
    void readsSnakeCase() {
        Sample s = JsonbProvider.jsonb().fromJson("{\"page_num\":\"3\",\"created_at\":\"2026-02-05T18:30:00Z\"}", Sample.class);
        assertEquals("3", s.pageNum());
        assertEquals(Instant.parse("2026-02-05T18:30:00Z"), s.createdAt());
    }
}
