package dev.qalam.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.gemini.internal.GeminiWire;
import dev.qalam.llm.provider.local.ExtractiveProvider;
import dev.qalam.llm.provider.openai.internal.OpenAiWire;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Wrong types anywhere in a chat request are the client's mistake: every value of a request that uses every
 * parameter, replaced in turn by values of every JSON type (and by huge numbers), either parses into a request
 * that every adapter can translate, or is a 400 naming the field (or the object holding it). Nothing else:
 * an exception escaping here would have been a 500.
 */
class ChatRequestWrongTypesTest {

    static final String FULL = """
            {"model":"google/gemini-2.5-flash","stream":true,"stream_options":{"include_usage":true},
             "messages":[
              {"role":"system","content":"You answer about cities.","name":"guide"},
              {"role":"user","content":[{"type":"text","text":"What is this?"},
                {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"low"}}]},
              {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                "function":{"name":"get_weather","arguments":"{\\"city\\":\\"Riyadh\\"}"}}]},
              {"role":"tool","tool_call_id":"call_1","content":"sunny"},
              {"role":"user","content":"And tomorrow?"}],
             "temperature":0.7,"top_p":0.9,"max_tokens":100,"max_completion_tokens":100,"n":2,"stop":["END"],
             "presence_penalty":0.1,"frequency_penalty":0.2,"seed":7,"user":"u1","reasoning_effort":"low",
             "parallel_tool_calls":true,
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather",
               "parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":false}}],
             "tool_choice":{"type":"function","function":{"name":"get_weather"}},
             "response_format":{"type":"json_schema","json_schema":{"name":"w","description":"d","strict":true,
               "schema":{"type":"object"}}}}
            """;

    static final List<String> WRONG = List.of("\"x\"", "3", "-1", "2.5", "true", "null", "[]", "{}", "[\"x\",3]",
            "{\"a\":1}", "1e400", "99999999999999999999");

    record Path(String name, List<Object> steps) {
    }

    static JsonObject parseJson(String s) {
        try (var r = Jsonp.PROVIDER.createReader(new StringReader(s))) {
            return r.readObject();
        }
    }

    /** Every value's path: {@code messages[1].content[0].text} and the like, with the steps to reach it. */
    static void paths(JsonValue v, String name, List<Object> steps, List<Path> out) {
        if (!steps.isEmpty()) {
            out.add(new Path(name, steps));
        }
        if (v instanceof JsonObject o) {
            for (String k : o.keySet()) {
                List<Object> next = new ArrayList<>(steps);
                next.add(k);
                paths(o.get(k), name.isEmpty() ? k : name + "." + k, next, out);
            }
        } else if (v instanceof JsonArray a) {
            for (int i = 0; i < a.size(); i++) {
                List<Object> next = new ArrayList<>(steps);
                next.add(i);
                paths(a.get(i), name + "[" + i + "]", next, out);
            }
        }
    }

    static JsonValue replace(JsonValue v, List<Object> steps, int at, JsonValue with) {
        if (at == steps.size()) {
            return with;
        }
        Object step = steps.get(at);
        if (v instanceof JsonObject o) {
            return Jsonp.PROVIDER.createObjectBuilder(o).add((String) step,
                    replace(o.get((String) step), steps, at + 1, with)).build();
        }
        JsonArray a = (JsonArray) v;
        var b = Jsonp.PROVIDER.createArrayBuilder();
        for (int i = 0; i < a.size(); i++) {
            b.add(i == (Integer) step ? replace(a.get(i), steps, at + 1, with) : a.get(i));
        }
        return b.build();
    }

    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut <= 0 ? path : path.substring(0, cut);
    }

    @Test
    void theFullRequestIsValidAndTranslatesForEveryAdapter() {
        ChatRequest r = ChatRequestParser.parse(parseJson(FULL));
        translate(r);
        assertEquals(2, r.n());
        assertEquals("get_weather", r.messages().get(2).toolCalls().get(0).name());
        assertEquals("low", r.messages().get(1).parts().get(1).detail());
    }

    @Test
    void everyValueReplacedByEveryTypeIsAcceptedOrA400NamingIt() {
        JsonObject full = parseJson(FULL);
        List<Path> paths = new ArrayList<>();
        paths(full, "", List.of(), paths);
        int accepted = 0;
        int refused = 0;
        for (Path p : paths) {
            for (String w : WRONG) {
                JsonValue with;
                try (var rd = Jsonp.PROVIDER.createReader(new StringReader(w))) {
                    with = rd.readValue();
                }
                JsonObject mutated = (JsonObject) replace(full, p.steps(), 0, with);
                String what = p.name() + " = " + w;
                ChatRequest r;
                try {
                    r = ChatRequestParser.parse(mutated);
                } catch (ApiException e) {
                    assertEquals(400, e.status(), what);
                    String m = e.getMessage();
                    assertTrue(m.contains("'" + p.name()) || m.contains("'" + parent(p.name())),
                            what + ": the message names the field: " + m);
                    refused++;
                    continue;
                } catch (RuntimeException e) {
                    throw new AssertionError(what + ": " + e, e);
                }
                try {
                    translate(r);
                } catch (RuntimeException e) {
                    throw new AssertionError(what + " was accepted but an adapter failed on it: " + e, e);
                }
                accepted++;
            }
        }
        assertTrue(refused > 100 && accepted > 10, "both outcomes exercised: " + refused + " refused, " + accepted + " accepted");
    }

    static void translate(ChatRequest r) {
        assertNotNull(parseJson(OpenAiWire.requestBody(r, "upstream", r.stream())));
        assertNotNull(parseJson(GeminiWire.requestBody(r)));
        assertNotNull(new ExtractiveProvider().answer(r));
    }

    @Test
    void toolCallsOfTheWrongTypeOnAGeminiModelAre400() {
        ApiException e = assertThrows(ApiException.class, () -> ChatRequestParser.parse(parseJson("""
                {"model":"google/gemini-2.5-flash","messages":[{"role":"user","content":"hi"},
                 {"role":"assistant","content":"x","tool_calls":["x",3]}]}
                """)));
        assertEquals(400, e.status());
        assertEquals("invalid_type", e.code());
        assertEquals("Invalid type for 'messages[1].tool_calls[0]': expected an object with an id, a type and a function.",
                e.getMessage());
    }

    @Test
    void unknownContentPartsAreRefusedNotDropped() {
        ApiException e = assertThrows(ApiException.class, () -> ChatRequestParser.parse(parseJson("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"x"}}]}]}
                """)));
        assertEquals("invalid_value", e.code());
        assertTrue(e.getMessage().contains("'messages[0].content[0].type'"), e.getMessage());
    }

    @Test
    void parametersQalamDoesNotForwardAreNotRead() {
        ChatRequest r = ChatRequestParser.parse(parseJson("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"store":true,"metadata":{"k":"v"},
                 "logit_bias":{"50256":-100},"service_tier":"flex"}
                """));
        String body = OpenAiWire.requestBody(r, "up", false);
        for (String absent : List.of("store", "metadata", "logit_bias", "service_tier")) {
            assertTrue(!body.contains("\"" + absent + "\""), absent + " is not forwarded: " + body);
        }
    }

    @Test
    void isRefusedWhenNoWrongValueCouldBeAccepted() {
        try {
            ChatRequestParser.parse(parseJson("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":3}]}"));
            fail("content 3 accepted");
        } catch (ApiException e) {
            assertEquals("Invalid type for 'messages[0].content': expected a string or an array of content parts.",
                    e.getMessage());
        }
    }
}
