package dev.qalam.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.qalam.platform.json.JsonbProvider;
import org.junit.jupiter.api.Test;

/** The wire shapes of docs/api-contract.md, including its explicit nulls. */
class OcrWireTest {

    @Test
    void pageWithoutImagesShowsExplicitNulls() {
        String json = JsonbProvider.create().toJson(new OcrWire.OcrPageDetail(3, "", null, null, "processing", null, null, null));
        assertEquals("{\"image\":null,\"page_num\":3,\"status\":\"processing\",\"text\":\"\",\"thumbnail\":null}", json);
    }

    @Test
    void uploadAnswerIsSnakeCase() {
        String json = JsonbProvider.create().toJson(new OcrWire.OcrUpload("t", "queued", 0, 100, 1));
        assertEquals("{\"progress\":0,\"queue_position\":1,\"status\":\"queued\",\"token\":\"t\",\"upload_progress\":100}", json);
    }
}
