package dev.qalam.search;

import dev.qalam.platform.json.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunk's file properties as the JSON text both engines store (and give back unchanged), so a hit's
 * metadata is the same, number for number, whichever engine holds it.
 */
public final class MetadataJson {

    private MetadataJson() {
    }

    public static String write(Map<String, Object> metadata) {
        return Jsonp.PROVIDER.createObjectBuilder(metadata).build().toString();
    }

    /** Strings, BigDecimals, Booleans and Lists of those, in the stored order. */
    public static Map<String, Object> read(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            Map<String, Object> out = new LinkedHashMap<>();
            object.forEach((k, v) -> out.put(k, plain(v)));
            return Collections.unmodifiableMap(out);
        }
    }

    private static Object plain(JsonValue v) {
        return switch (v.getValueType()) {
            case STRING -> ((JsonString) v).getString();
            case NUMBER -> ((JsonNumber) v).bigDecimalValue();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                v.asJsonArray().forEach(item -> list.add(plain(item)));
                yield Collections.unmodifiableList(list);
            }
            default -> null;
        };
    }
}
