package dev.qalam.search.filter;

import dev.qalam.search.analysis.KeywordNormalizer;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File properties: what a document may carry ({@link #validate}) and how each value is indexed
 * ({@link #forms}), identically for both engines.
 *
 * <ul>
 *   <li>a string: its normalised keyword ({@link KeywordNormalizer}); also a number when it is a plain decimal
 *       ("2024", "-3.5"), and a date when it is an ISO date or date-time ("2024-10-30",
 *       "2024-10-30T14:00:00+03:00"; no offset means UTC)</li>
 *   <li>a number: a number, and its canonical text as keyword ("5.50" and 5.5 both "5.5")</li>
 *   <li>a boolean: the keyword "true" or "false"</li>
 *   <li>an array of these: each element, so a term matches any of them (as in Elasticsearch)</li>
 * </ul>
 */
public final class PropertyValues {

    public static final int MAX_PROPERTIES = 100;
    public static final int MAX_KEY_LENGTH = 256;
    public static final int MAX_VALUES = 100;
    /** Characters of a string value: its keyword must fit a Lucene term (32766 UTF-8 bytes). */
    public static final int MAX_STRING_LENGTH = 8191;

    /** A value as indexed: always a keyword, a number and a date when the value is one. */
    public record Indexed(String keyword, Double number, Long date) {
    }

    private static final Pattern NUMERIC = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?([Zz]|[+-]\\d{2}:?\\d{2})?)?");

    private PropertyValues() {
    }

    /**
     * Checks a document's properties as the client sent them (a JSON object) and returns them as plain
     * Java values: String, BigDecimal, Boolean, or a List of those.
     *
     * @param name what the client called the field ({@code metadata}), for messages
     * @throws InvalidMetadataException naming the property and the problem
     */
    public static Map<String, Object> validate(JsonValue json, String name) {
        if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
            return Map.of();
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidMetadataException(name + " must be a JSON object of file properties, got " + kind(json));
        }
        JsonObject object = json.asJsonObject();
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonValue> e : object.entrySet()) {
            out.put(e.getKey(), fromJson(e.getValue(), name + "." + e.getKey(), true));
        }
        return validate(out, name);
    }

    /** As {@link #validate(JsonValue, String)} for properties already read into Java values. */
    public static Map<String, Object> validate(Map<String, ?> properties, String name) {
        if (properties == null) {
            return Map.of();
        }
        if (properties.size() > MAX_PROPERTIES) {
            throw new InvalidMetadataException(name + " has " + properties.size() + " properties; at most "
                    + MAX_PROPERTIES + " are allowed");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : properties.entrySet()) {
            String key = e.getKey();
            if (key == null || key.isBlank()) {
                throw new InvalidMetadataException(name + " has a property with an empty name");
            }
            if (key.length() > MAX_KEY_LENGTH) {
                throw new InvalidMetadataException(name + " has a property name longer than " + MAX_KEY_LENGTH
                        + " characters");
            }
            out.put(key, plain(e.getValue(), name + "." + key, true));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The indexed forms of one property value (a scalar, or each element of a list). */
    public static List<Indexed> forms(Object value) {
        List<Indexed> out = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            for (Object v : list) {
                out.add(scalarForm(v));
            }
        } else {
            out.add(scalarForm(value));
        }
        return out;
    }

    private static Indexed scalarForm(Object value) {
        if (value instanceof String s) {
            String keyword = KeywordNormalizer.normalize(s);
            // + 0.0 turns -0.0 into 0.0: points order -0.0 below 0.0, and "-0" is zero.
            Double number = NUMERIC.matcher(keyword).matches() ? Double.parseDouble(keyword) + 0.0 : null;
            OptionalLong date = isoDate(keyword);
            return new Indexed(keyword, number, date.isPresent() ? date.getAsLong() : null);
        }
        if (value instanceof Boolean b) {
            return new Indexed(b.toString(), null, null);
        }
        if (value instanceof Number n) {
            BigDecimal d = decimal(n);
            return new Indexed(canonical(d), d.doubleValue(), null);
        }
        throw new InvalidMetadataException("a property value must be a string, number or boolean, got "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** The keyword of a number: no trailing zeros, plain notation unless the exponent is extreme. */
    public static String canonical(BigDecimal value) {
        BigDecimal s = value.stripTrailingZeros();
        if (s.signum() == 0) {
            return "0";
        }
        return Math.abs(s.scale()) > 50 ? s.toString() : s.toPlainString();
    }

    static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        }
        if (n instanceof Double || n instanceof Float) {
            return BigDecimal.valueOf(n.doubleValue());
        }
        return new BigDecimal(n.toString());
    }

    /**
     * The instant of an ISO-8601 date ({@code 2024-10-30}, midnight UTC) or date-time (seconds and fraction
     * optional, {@code Z} or an offset optional, UTC without), as epoch milliseconds; empty for anything
     * else, including impossible dates.
     */
    public static OptionalLong isoDate(String text) {
        Matcher m = ISO.matcher(text.strip());
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            LocalDate day = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            LocalTime time = LocalTime.MIDNIGHT;
            if (m.group(4) != null) {
                int nanos = 0;
                if (m.group(7) != null) {
                    nanos = Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
                }
                time = LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            }
            ZoneOffset offset = ZoneOffset.UTC;
            String zone = m.group(8);
            if (zone != null && !zone.equalsIgnoreCase("z")) {
                String z = zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone;
                offset = ZoneOffset.of(z);
            }
            return OptionalLong.of(OffsetDateTime.of(day, time, offset).toInstant().toEpochMilli());
        } catch (DateTimeException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Object fromJson(JsonValue v, String path, boolean arrayAllowed) {
        switch (v.getValueType()) {
            case STRING:
                return ((JsonString) v).getString();
            case NUMBER:
                return ((JsonNumber) v).bigDecimalValue();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case ARRAY:
                if (!arrayAllowed) {
                    throw new InvalidMetadataException(path + ": arrays cannot be nested");
                }
                List<Object> list = new ArrayList<>();
                for (JsonValue item : v.asJsonArray()) {
                    list.add(fromJson(item, path + "[" + list.size() + "]", false));
                }
                return list;
            default:
                throw new InvalidMetadataException(path + ": a property value must be a string, number, boolean, "
                        + "ISO date or an array of these, got " + kind(v));
        }
    }

    private static Object plain(Object v, String path, boolean arrayAllowed) {
        if (v instanceof String s) {
            if (s.length() > MAX_STRING_LENGTH) {
                throw new InvalidMetadataException(path + ": a string value may have at most " + MAX_STRING_LENGTH
                        + " characters");
            }
            return s;
        }
        if (v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number n) {
            BigDecimal d;
            try {
                d = decimal(n);
            } catch (NumberFormatException e) {
                throw new InvalidMetadataException(path + ": not a finite number");
            }
            return d;
        }
        if (v instanceof Collection<?> list) {
            if (!arrayAllowed) {
                throw new InvalidMetadataException(path + ": arrays cannot be nested");
            }
            if (list.size() > MAX_VALUES) {
                throw new InvalidMetadataException(path + ": an array may hold at most " + MAX_VALUES + " values");
            }
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(plain(item, path + "[" + out.size() + "]", false));
            }
            return java.util.Collections.unmodifiableList(out);
        }
        throw new InvalidMetadataException(path + ": a property value must be a string, number, boolean, ISO date "
                + "or an array of these, got " + (v == null ? "null" : v instanceof Map ? "an object" : v.getClass().getSimpleName()));
    }

    static String kind(JsonValue v) {
        return switch (v.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }
}
