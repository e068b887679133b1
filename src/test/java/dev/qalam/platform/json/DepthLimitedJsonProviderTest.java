package dev.qalam.platform.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.errors.ApiException;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DepthLimitedJsonProviderTest {

    static String arrays(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    static String objects(int depth) {
        return "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
    }

    static JsonValue read(String json) {
        try (var r = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            return r.readValue();
        }
    }

    @Test
    void aBodyNested2000LevelsDeepIsAParseErrorNotARuntimeFailure() {
        for (String deep : List.of(arrays(2000), objects(2000), "{\"model\":\"m\",\"messages\":" + arrays(2000) + "}")) {
            JsonNestingException e = assertThrows(JsonNestingException.class, () -> read(deep));
            assertEquals(Jsonp.MAX_DEPTH, e.maxDepth());
            assertInstanceOf(JsonParsingException.class, e, "handled wherever unreadable JSON is");
        }
    }

    @Test
    void aNulCharacterInAStringOrKeyIsRefusedAndOtherControlCharactersAreNot() {
        for (String nul : List.of("{\"name\":\"\\u0000\"}", "{\"a\\u0000b\":1}", "[\"x\", [\"ok\\u0000\"]]")) {
            JsonNulCharacterException e = assertThrows(JsonNulCharacterException.class, () -> read(nul), nul);
            assertInstanceOf(JsonParsingException.class, e, "handled wherever unreadable JSON is");
        }
        read("{\"name\":\"tab\\t and \\u0001\"}");
    }

    @Test
    void theLimitIsExact() {
        assertEquals(Jsonp.MAX_DEPTH, countDepth(read(arrays(Jsonp.MAX_DEPTH))));
        assertThrows(JsonNestingException.class, () -> read(arrays(Jsonp.MAX_DEPTH + 1)));
        assertEquals(Jsonp.MAX_DEPTH, countDepth(read(objects(Jsonp.MAX_DEPTH))));
        assertThrows(JsonNestingException.class, () -> read(objects(Jsonp.MAX_DEPTH + 1)));
    }

    static int countDepth(JsonValue v) {
        if (v instanceof JsonArray a) {
            return 1 + (a.isEmpty() ? 0 : countDepth(a.get(0)));
        }
        if (v instanceof JsonObject o) {
            return 1 + (o.isEmpty() ? 0 : countDepth(o.values().iterator().next()));
        }
        return 0;
    }

    @Test
    void valuesAreTheSameAsTheWrappedProvidersAndTrailingContentIsRefused() {
        String doc = "{\"a\":[1,2.5,-3e2,\"x\",true,false,null,{\"b\":[]},[[{}]]],\"c\":{\"d\":{\"e\":\"ü\"}},\"n\":12345678901234567890}";
        JsonValue plain;
        try (var r = JsonProvider.provider().createReader(new StringReader(doc))) {
            plain = r.readValue();
        }
        assertEquals(plain, read(doc));
        assertEquals(JsonValue.TRUE, read(" true "));
        assertThrows(JsonParsingException.class, () -> read("{\"a\":1} {"));
        assertThrows(JsonParsingException.class, () -> read(""));
        try (var r = Jsonp.PROVIDER.createReader(new StringReader("[1]"))) {
            assertThrows(JsonParsingException.class, r::readObject);
        }
    }

    @Test
    void skippingLeavesTheParserAfterTheInnermostStructure() {
        try (JsonParser p = Jsonp.PROVIDER.createParser(new StringReader("{\"skip\":{\"x\":[1,{\"y\":2}]},\"keep\":[3,[4]],\"z\":5}"))) {
            assertEquals(JsonParser.Event.START_OBJECT, p.next());
            assertEquals(JsonParser.Event.KEY_NAME, p.next());
            assertEquals(JsonParser.Event.START_OBJECT, p.next());
            p.skipObject();
            assertEquals(JsonParser.Event.KEY_NAME, p.next());
            assertEquals("keep", p.getString());
            assertEquals(JsonParser.Event.START_ARRAY, p.next());
            p.skipObject(); // inside an array: nothing happens
            assertEquals(JsonParser.Event.VALUE_NUMBER, p.next());
            p.skipArray();
            assertEquals(JsonParser.Event.KEY_NAME, p.next());
            assertEquals("z", p.getString());
        }
    }

    public record Team(String name) {
    }

    @Test
    void jsonBindingReadsThroughTheSameLimit() {
        assertEquals("ok", JsonbProvider.jsonb().fromJson("{\"name\":\"ok\",\"extra\":{\"deep\":[[[{}]]]}}", Team.class).name());
        // An unknown property is skipped, a map is built: both read the whole structure.
        JsonbException skipped = assertThrows(JsonbException.class,
                () -> JsonbProvider.jsonb().fromJson("{\"name\":\"x\",\"extra\":" + arrays(2000) + "}", Team.class));
        assertTrue(hasNesting(skipped), "the cause says why: " + skipped);
        JsonbException built = assertThrows(JsonbException.class, () -> JsonbProvider.jsonb().fromJson(objects(2000), Map.class));
        assertTrue(hasNesting(built), "the cause says why: " + built);
    }

    static boolean hasNesting(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof JsonNestingException) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theClientIsToldTheLimit() {
        ApiException e = ApiException.invalidJson(assertThrows(JsonNestingException.class, () -> read(arrays(2000))));
        assertEquals(400, e.status());
        assertEquals("invalid_json", e.code());
        assertEquals("The request body is nested more than " + Jsonp.MAX_DEPTH + " levels deep.", e.getMessage());
    }
}
