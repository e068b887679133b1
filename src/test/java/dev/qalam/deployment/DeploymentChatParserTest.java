package dev.qalam.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.search.filter.MetadataFilter;
import dev.qalam.testing.ContractExamples;
import org.junit.jupiter.api.Test;

class DeploymentChatParserTest {

    static final String SEED_FILTER = ContractExamples.DEPLOYMENT_FILTER;

    static DeploymentChatRequest parse(String body) {
        return DeploymentChatParser.parse(body, "local/extractive", 0.3);
    }

    @Test
    void theDeploymentsModelAndTemperatureApply() {
        DeploymentChatRequest r = parse("{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertEquals("local/extractive", r.chat().model());
        assertEquals(0.3, r.chat().temperature());
        assertEquals(0.9, DeploymentChatParser.parse("{\"temperature\":0.9,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}",
                "local/extractive", 0.3).chat().temperature(), "the client's own temperature wins");
        assertFalse(r.stream());
        assertTrue(r.filter().isEmpty() && r.rewriteQuery().isEmpty() && r.attachments().isEmpty());
    }

    @Test
    void theSeedsFilterIsAcceptedAsAnObjectAndAsAString() {
        DeploymentChatRequest object = parse("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"filter_metadata\":"
                + SEED_FILTER + "}");
        assertTrue(object.filter().orElseThrow() instanceof MetadataFilter.Bool);
        String quoted = SEED_FILTER.replace("\"", "\\\"").replace("\n", " ");
        DeploymentChatRequest string = parse("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"filter_metadata\":\""
                + quoted + "\"}");
        assertEquals(object.filter(), string.filter());
    }

    @Test
    void urlAndImagePartsAreTakenApart() {
        DeploymentChatRequest r = parse("""
                {"stream": true, "include_usage": true, "rewrite_query": " Jakarta weather ",
                 "messages": [{"role": "user", "content": [
                   {"type": "text", "text": "What does this webpage contain?"},
                   {"type": "url", "url": "data:text/html;base64,SGVsbG8gV29ybGQ=", "name": "Example Page",
                    "options": {"include_page_screenshot_as_image": true}},
                   {"type": "image", "image_url": {"url": "https://example.com/image.jpg", "detail": "high"}}]}]}""");
        assertEquals(1, r.attachments().size());
        assertEquals(0, r.attachments().get(0).messageIndex());
        assertTrue(r.attachments().get(0).part().includePageScreenshotAsImage());
        assertTrue(r.hasImages());
        ChatMessage m = r.chat().messages().get(0);
        assertEquals(2, m.parts().size());
        assertTrue(m.parts().get(1).isImage());
        assertEquals("high", m.parts().get(1).detail());
        assertTrue(r.stream() && r.includeUsage());
        assertEquals("Jakarta weather", r.rewriteQuery().orElseThrow());
    }

    @Test
    void mistakesAreRefusedWithTheFieldNamed() {
        assertEquals("invalid_value", assertThrows(ApiException.class, () -> parse("{\"messages\":[]}")).code());
        assertEquals("missing_required_parameter", assertThrows(ApiException.class, () -> parse("{}")).code());
        assertEquals("invalid_json", assertThrows(ApiException.class, () -> parse("{\"messages\":")).code());
        ApiException filter = assertThrows(ApiException.class, () -> parse(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"filter_metadata\":{\"bool\":{\"must\":[{\"range\":{\"date\":{}}}]}}}"));
        assertTrue(filter.getMessage().contains("filter_metadata.bool.must[0].range.date"), filter.getMessage());
        assertEquals("invalid_select_pages", assertThrows(ApiException.class, () -> parse(
                "{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"url\",\"url\":\"data:text/plain,x\","
                        + "\"options\":{\"select_pages\":\"1-\"}}]}]}")).code());
        assertEquals("invalid_value", assertThrows(ApiException.class, () -> parse(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"rewrite_query\":\"  \"}")).code());
        assertEquals("invalid_type", assertThrows(ApiException.class, () -> parse(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"include_usage\":\"yes\"}")).code());
        assertEquals("invalid_value", assertThrows(ApiException.class, () -> parse(
                "{\"messages\":[{\"role\":\"system\",\"content\":\"Only a system message\"}]}")).code());
    }
}
