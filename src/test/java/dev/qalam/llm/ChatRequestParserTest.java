package dev.qalam.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.platform.errors.ApiException;
import org.junit.jupiter.api.Test;

class ChatRequestParserTest {

    static ChatRequest parse(String json) {
        return ChatRequestParser.parse(ChatRequestParser.readObject(json));
    }

    static String code(String json) {
        ApiException e = assertThrows(ApiException.class, () -> parse(json));
        assertEquals(400, e.status());
        return e.code();
    }

    @Test
    void readsTheDocumentedParameters() {
        ChatRequest r = parse("""
                {"model":"llama-3.3-70b","messages":[{"role":"system","content":"You are helpful."},
                 {"role":"user","content":[{"type":"text","text":"Hi"},{"type":"image_url","image_url":{"url":"data:image/png;base64,AAA"}}]}],
                 "temperature":0.7,"top_p":0.9,"max_tokens":1024,"stream":true,"stream_options":{"include_usage":true},
                 "stop":["END"],"n":2,"seed":7,"user":"u1","response_format":{"type":"json_object"}}
                """);
        assertEquals("llama-3.3-70b", r.model());
        assertEquals(0.7, r.temperature());
        assertEquals(0.9, r.topP());
        assertEquals(1024, r.maxTokens());
        assertTrue(r.stream());
        assertTrue(r.includeUsage());
        assertEquals(java.util.List.of("END"), r.stop());
        assertEquals(2, r.n());
        assertEquals(7L, r.seed());
        assertEquals("Hi", r.messages().get(1).text());
        assertEquals("data:image/png;base64,AAA", r.messages().get(1).parts().get(1).imageUrl());
        assertEquals("json_object", r.responseFormat().type());
    }

    @Test
    void assistantToolCallsMayHaveNoContent() {
        ChatRequest r = parse("""
                {"model":"m","messages":[{"role":"user","content":"weather?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"w","arguments":"{}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"sunny"}]}
                """);
        assertNull(r.messages().get(1).text());
        assertEquals("call_1", r.messages().get(2).toolCallId());
    }

    @Test
    void rejectsOutOfRangeAndMistypedValues() {
        String msgs = "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]";
        assertEquals("decimal_above_max_value", code("{\"model\":\"m\"," + msgs + ",\"temperature\":2.1}"));
        assertEquals("decimal_below_min_value", code("{\"model\":\"m\"," + msgs + ",\"temperature\":-0.1}"));
        assertEquals("decimal_above_max_value", code("{\"model\":\"m\"," + msgs + ",\"top_p\":1.5}"));
        assertEquals("integer_below_min_value", code("{\"model\":\"m\"," + msgs + ",\"max_tokens\":0}"));
        assertEquals("invalid_type", code("{\"model\":\"m\"," + msgs + ",\"max_tokens\":1.5}"));
        assertEquals("integer_above_max_value", code("{\"model\":\"m\"," + msgs + ",\"n\":1000}"));
        assertEquals("integer_above_max_value", code("{\"model\":\"m\"," + msgs + ",\"n\":9}"));
        assertEquals("integer_above_max_value", code("{\"model\":\"m\"," + msgs + ",\"n\":" + "9".repeat(1000) + "}"));
        assertEquals("decimal_above_max_value", code("{\"model\":\"m\"," + msgs + ",\"temperature\":1e400}"));
        assertEquals("invalid_type", code("{\"model\":\"m\"," + msgs + ",\"stream\":\"yes\"}"));
        assertEquals("invalid_value", code("{\"model\":\"m\"," + msgs + ",\"stream_options\":{\"include_usage\":true}}"));
        assertEquals("invalid_value", code("{\"model\":\"m\"," + msgs + ",\"stop\":[\"a\",\"b\",\"c\",\"d\",\"e\"]}"));
        assertEquals("invalid_value", code("{\"model\":\"m\"," + msgs + ",\"tool_choice\":\"required\"}"));
        assertEquals("invalid_value", code("{\"model\":\"m\"," + msgs + ",\"tools\":[{\"type\":\"function\"}]}"));
        assertEquals("invalid_value", code("{\"model\":\"m\"," + msgs + ",\"response_format\":{\"type\":\"yaml\"}}"));
        assertEquals("missing_required_parameter", code("{" + msgs + "}"));
        assertEquals("invalid_type", code("{\"model\":3," + msgs + "}"));
        assertEquals("missing_required_parameter", code("{\"model\":\"m\"}"));
        assertEquals("invalid_value", code("{\"model\":\"m\",\"messages\":[]}"));
        assertEquals("invalid_value", code("{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}"));
        assertEquals("missing_required_parameter", code("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}"));
        assertEquals("missing_required_parameter", code("{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}"));
        assertEquals("invalid_json", code("{\"model\":"));
        assertEquals("invalid_json", code("[1,2]"));
    }
}
