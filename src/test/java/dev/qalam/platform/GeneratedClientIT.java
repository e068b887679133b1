package dev.qalam.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.client.ApiClient;
import dev.qalam.client.ApiException;
import dev.qalam.client.api.AdminApi;
import dev.qalam.client.api.OcrApi;
import dev.qalam.client.model.ApiError;
import dev.qalam.client.model.CreateKey;
import dev.qalam.client.model.CreatedKey;
import dev.qalam.client.model.OcrJobStatus;
import dev.qalam.client.model.OcrPageDetail;
import dev.qalam.client.model.OcrUpload;
import dev.qalam.ocr.TestDocuments;
import dev.qalam.testing.Poll;
import dev.qalam.testing.TestServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client generated from the committed {@code openapi/openapi.yaml} at build time (openapi-generator, Java,
 * native library; see pom.xml) drives the real server as a client of the API would: the operator makes a key,
 * the key uploads a PDF to OCR, polls the job until it is done and reads a page; errors arrive as the
 * documented {@code ApiError}. The document is thereby held to what the server does, not only to a schema.
 */
class GeneratedClientIT {

    @TempDir
    static Path dir;

    @BeforeAll
    static void ready() {
        TestServer.awaitReady();
    }

    static ApiClient client(String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(TestServer.baseUrl());
        client.setReadTimeout(Duration.ofSeconds(60));
        if (key != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + key));
        }
        return client;
    }

    @Test
    void keyUploadPollAndPage() throws ApiException {
        CreatedKey key = new AdminApi(client(TestServer.adminKey()))
                .adminResourceCreateKey(new CreateKey().name("generated-client").scopes(List.of("ocr")));
        assertTrue(key.getKey() != null && !key.getKey().isBlank(), String.valueOf(key));
        assertEquals(List.of("ocr"), key.getScopes());

        OcrApi ocr = new OcrApi(client(key.getKey()));
        OcrUpload upload = ocr.ocrResourceUpload(file("generated.pdf", TestDocuments.bornDigitalPdf(List.of(
                List.of("The generated client read this page.", "It was uploaded through the OpenAPI document.")))), null);
        assertEquals("queued", upload.getStatus());

        OcrJobStatus done = Poll.until(Duration.ofSeconds(120), "job " + upload.getToken() + " done",
                () -> status(ocr, upload.getToken()), s -> "done".equals(s.getStatus()) || "error".equals(s.getStatus()));
        assertEquals("done", done.getStatus(), String.valueOf(done));
        assertEquals(1, done.getTotalPages());
        assertEquals("generated.pdf", done.getFilename());

        OcrPageDetail page = ocr.ocrResourcePage(1, upload.getToken());
        assertEquals(1, page.getPageNum());
        assertTrue(page.getText().contains("generated client read this page"), page.getText());
    }

    @Test
    void errorsArriveInTheDocumentedShape() throws Exception {
        ApiClient anonymous = client(null);
        ApiException missingKey = assertThrows(ApiException.class,
                () -> new OcrApi(anonymous).ocrResourceStatus("0123456789abcdef"));
        assertEquals(401, missingKey.getCode());
        ApiError body = anonymous.getObjectMapper().readValue(missingKey.getResponseBody(), ApiError.class);
        assertEquals("invalid_api_key", body.getError().getCode());
    }

    private static OcrJobStatus status(OcrApi ocr, String token) {
        try {
            return ocr.ocrResourceStatus(token);
        } catch (ApiException e) {
            throw new AssertionError(e.getCode() + " " + e.getResponseBody(), e);
        }
    }

    private static File file(String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content).toFile();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
