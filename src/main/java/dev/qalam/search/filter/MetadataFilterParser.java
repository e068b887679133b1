package dev.qalam.search.filter;

import dev.qalam.platform.json.Jsonp;
import dev.qalam.search.analysis.KeywordNormalizer;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the Elasticsearch query DSL subset of docs/search.md into a {@link MetadataFilter}, rejecting
 * anything else with the path of the offending part. Elasticsearch's leniencies that clients rely on are
 * kept: a clause list may be a single object, {@code term} may be written long ({@code {"value": ...}}),
 * {@code boost} is accepted and ignored (filters do not score).
 */
final class MetadataFilterParser {

    /** Deeper nesting is refused (a bound on recursion for hostile input). */
    static final int MAX_DEPTH = 20;
    /** Most leaf queries (term, terms, range, exists) in one filter. */
    static final int MAX_LEAVES = 256;
    /** Most values in one {@code terms}. */
    static final int MAX_TERMS = 1024;

    private static final String SUPPORTED = "bool, term, terms, range, exists";
    private static final Set<String> BOOL_KEYS = Set.of("must", "filter", "should", "must_not", "minimum_should_match", "boost");
    private static final Pattern MSM = Pattern.compile("-?\\d{1,9}%?");

    private final String root;
    private int leaves;

    MetadataFilterParser(String root) {
        this.root = root;
    }

    Optional<MetadataFilter> parseRoot(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        return parseRoot(read(json));
    }

    Optional<MetadataFilter> parseRoot(JsonValue json) {
        if (json == null || json.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        JsonValue value = json;
        if (json.getValueType() == JsonValue.ValueType.STRING) {
            String text = ((JsonString) json).getString();
            if (text.isBlank()) {
                return Optional.empty();
            }
            value = read(text);
        }
        if (value.getValueType() == JsonValue.ValueType.OBJECT && value.asJsonObject().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(query(value, root, 0));
    }

    private JsonValue read(String text) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            throw new InvalidFilterException(root, "not valid JSON (" + e.getMessage() + ")");
        } catch (JsonException e) {
            throw new InvalidFilterException(root, "not valid JSON");
        }
    }

    private MetadataFilter query(JsonValue json, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidFilterException(path, "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (json.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidFilterException(path, "expected a query object such as {\"term\": {...}}, got "
                    + PropertyValues.kind(json));
        }
        JsonObject object = json.asJsonObject();
        if (object.size() != 1) {
            throw new InvalidFilterException(path, "a query object must have exactly one key (" + SUPPORTED
                    + "), got " + (object.isEmpty() ? "none" : object.keySet()));
        }
        Map.Entry<String, JsonValue> only = object.entrySet().iterator().next();
        String type = only.getKey();
        String at = path + "." + type;
        return switch (type) {
            case "bool" -> bool(only.getValue(), at, depth);
            case "term" -> term(only.getValue(), at);
            case "terms" -> terms(only.getValue(), at);
            case "range" -> range(only.getValue(), at);
            case "exists" -> exists(only.getValue(), at);
            default -> throw new InvalidFilterException(path, "unsupported query \"" + type + "\"; supported: " + SUPPORTED);
        };
    }

    private MetadataFilter bool(JsonValue json, String path, int depth) {
        JsonObject object = object(json, path, "the clauses of a bool query");
        for (String key : object.keySet()) {
            if (!BOOL_KEYS.contains(key)) {
                throw new InvalidFilterException(path, "unknown bool parameter \"" + key
                        + "\"; supported: must, filter, should, must_not, minimum_should_match");
            }
        }
        List<MetadataFilter> must = clauses(object, "must", path, depth);
        List<MetadataFilter> filter = clauses(object, "filter", path, depth);
        List<MetadataFilter> should = clauses(object, "should", path, depth);
        List<MetadataFilter> mustNot = clauses(object, "must_not", path, depth);
        boost(object, path);
        int msm;
        JsonValue given = object.get("minimum_should_match");
        if (given == null || given.getValueType() == JsonValue.ValueType.NULL) {
            // Elasticsearch: with should clauses and no must/filter, at least one should clause must match.
            msm = !should.isEmpty() && must.isEmpty() && filter.isEmpty() ? 1 : 0;
        } else if (should.isEmpty()) {
            // Only should clauses are counted; Elasticsearch would match nothing here unless the bool is empty.
            minimumShouldMatch(given, 0, path + ".minimum_should_match");
            msm = 0;
        } else {
            msm = minimumShouldMatch(given, should.size(), path + ".minimum_should_match");
            if (!should.isEmpty() && must.isEmpty() && filter.isEmpty()) {
                // Lucene (and so Elasticsearch) never matches a document by no clause at all.
                msm = Math.max(msm, 1);
            }
        }
        return new MetadataFilter.Bool(must, filter, should, mustNot, msm);
    }

    /** Elasticsearch's reading of an integer or percentage, negative meaning "all but". */
    private static int minimumShouldMatch(JsonValue v, int optional, String path) {
        String spec;
        if (v.getValueType() == JsonValue.ValueType.NUMBER && ((JsonNumber) v).isIntegral()) {
            spec = ((JsonNumber) v).toString();
        } else if (v.getValueType() == JsonValue.ValueType.STRING) {
            spec = ((JsonString) v).getString().strip();
        } else {
            throw new InvalidFilterException(path, "expected an integer or a percentage such as \"50%\", got "
                    + PropertyValues.kind(v));
        }
        if (!MSM.matcher(spec).matches()) {
            throw new InvalidFilterException(path, "expected an integer or a percentage such as \"50%\", got \"" + spec + "\"");
        }
        int result;
        if (spec.endsWith("%")) {
            int percent = Integer.parseInt(spec.substring(0, spec.length() - 1));
            float calc = optional * percent * (1 / 100f);
            result = calc < 0 ? optional + (int) calc : (int) calc;
        } else {
            int calc = Integer.parseInt(spec);
            result = calc < 0 ? optional + calc : calc;
        }
        return Math.max(result, 0);
    }

    private List<MetadataFilter> clauses(JsonObject bool, String key, String path, int depth) {
        JsonValue v = bool.get(key);
        List<MetadataFilter> out = new ArrayList<>();
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return out;
        }
        String at = path + "." + key;
        if (v.getValueType() == JsonValue.ValueType.ARRAY) {
            JsonArray array = v.asJsonArray();
            for (int i = 0; i < array.size(); i++) {
                out.add(query(array.get(i), at + "[" + i + "]", depth + 1));
            }
        } else if (v.getValueType() == JsonValue.ValueType.OBJECT) {
            out.add(query(v, at, depth + 1));
        } else {
            throw new InvalidFilterException(at, "expected a query object or an array of them, got " + PropertyValues.kind(v));
        }
        return out;
    }

    private MetadataFilter term(JsonValue json, String path) {
        JsonObject object = object(json, path, "{\"<property>\": <value>}");
        String field = singleField(object, path, Set.of("boost"));
        JsonValue v = object.get(field);
        String at = path + "." + field;
        if (v.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject longForm = v.asJsonObject();
            for (String key : longForm.keySet()) {
                if (!key.equals("value") && !key.equals("boost") && !key.equals("case_insensitive")) {
                    throw new InvalidFilterException(at, "unknown term parameter \"" + key + "\"; supported: value");
                }
            }
            boost(longForm, at);
            JsonValue ci = longForm.get("case_insensitive");
            if (ci != null && ci.getValueType() != JsonValue.ValueType.TRUE) {
                throw new InvalidFilterException(at + ".case_insensitive",
                        "property values are always compared case-insensitively; only true is accepted");
            }
            if (!longForm.containsKey("value")) {
                throw new InvalidFilterException(at, "a term in long form needs \"value\"");
            }
            v = longForm.get("value");
            at = at + ".value";
        }
        leaf(path);
        return new MetadataFilter.Term(field, value(v, at));
    }

    private MetadataFilter terms(JsonValue json, String path) {
        JsonObject object = object(json, path, "{\"<property>\": [<values>]}");
        String field = singleField(object, path, Set.of("boost"));
        JsonValue v = object.get(field);
        String at = path + "." + field;
        if (v.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new InvalidFilterException(at, "expected an array of values, got " + PropertyValues.kind(v));
        }
        JsonArray array = v.asJsonArray();
        if (array.size() > MAX_TERMS) {
            throw new InvalidFilterException(at, "at most " + MAX_TERMS + " values are allowed, got " + array.size());
        }
        List<FilterValue> values = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            values.add(value(array.get(i), at + "[" + i + "]"));
        }
        leaf(path);
        return new MetadataFilter.Terms(field, values);
    }

    private MetadataFilter range(JsonValue json, String path) {
        JsonObject object = object(json, path, "{\"<property>\": {\"gt\"|\"gte\"|\"lt\"|\"lte\": <value>}}");
        String field = singleField(object, path, Set.of());
        String at = path + "." + field;
        JsonObject bounds = object(object.get(field), at, "{\"gt\"|\"gte\"|\"lt\"|\"lte\": <value>}");
        for (String key : bounds.keySet()) {
            switch (key) {
                case "gt", "gte", "lt", "lte", "boost" -> { }
                case "format", "time_zone", "relation" -> throw new InvalidFilterException(at,
                        "\"" + key + "\" is not supported: give dates in ISO-8601 (\"2024-10-29\" or \"2024-10-29T10:00:00+03:00\")");
                default -> throw new InvalidFilterException(at, "unknown range parameter \"" + key
                        + "\"; supported: gt, gte, lt, lte");
            }
        }
        boost(bounds, at);
        if (bounds.containsKey("gt") && bounds.containsKey("gte")) {
            throw new InvalidFilterException(at, "give gt or gte, not both");
        }
        if (bounds.containsKey("lt") && bounds.containsKey("lte")) {
            throw new InvalidFilterException(at, "give lt or lte, not both");
        }
        String lowerKey = bounds.containsKey("gt") ? "gt" : bounds.containsKey("gte") ? "gte" : null;
        String upperKey = bounds.containsKey("lt") ? "lt" : bounds.containsKey("lte") ? "lte" : null;
        if (lowerKey == null && upperKey == null) {
            throw new InvalidFilterException(at, "a range needs at least one of gt, gte, lt, lte");
        }
        JsonValue lower = lowerKey == null ? null : bounds.get(lowerKey);
        JsonValue upper = upperKey == null ? null : bounds.get(upperKey);
        if (lower != null && lower.getValueType() == JsonValue.ValueType.NULL) {
            lower = null;
        }
        if (upper != null && upper.getValueType() == JsonValue.ValueType.NULL) {
            upper = null;
        }
        if (lower == null && upper == null) {
            throw new InvalidFilterException(at, "a range needs at least one bound that is not null");
        }
        Kind kind = kind(lower, at + "." + lowerKey);
        Kind upperKind = kind(upper, at + "." + upperKey);
        if (kind == null) {
            kind = upperKind;
        } else if (upperKind != null && upperKind != kind) {
            throw new InvalidFilterException(at, "the bounds must both be numbers, both dates or both strings, got a "
                    + kind.word + " and a " + upperKind.word);
        }
        boolean incLower = "gte".equals(lowerKey);
        boolean incUpper = "lte".equals(upperKey);
        leaf(path);
        return switch (kind) {
            case NUMBER -> new MetadataFilter.NumberRange(field, lower == null ? null : ((JsonNumber) lower).doubleValue(),
                    incLower, upper == null ? null : ((JsonNumber) upper).doubleValue(), incUpper);
            case DATE -> new MetadataFilter.DateRange(field, lower == null ? null : date(lower), incLower,
                    upper == null ? null : date(upper), incUpper);
            case KEYWORD -> new MetadataFilter.KeywordRange(field,
                    lower == null ? null : KeywordNormalizer.normalize(((JsonString) lower).getString()), incLower,
                    upper == null ? null : KeywordNormalizer.normalize(((JsonString) upper).getString()), incUpper);
        };
    }

    private enum Kind {
        NUMBER("number"), DATE("date"), KEYWORD("string");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    private static Kind kind(JsonValue bound, String path) {
        if (bound == null || bound.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (bound.getValueType() == JsonValue.ValueType.NUMBER) {
            double d = ((JsonNumber) bound).doubleValue();
            if (Double.isInfinite(d)) {
                throw new InvalidFilterException(path, "the number is out of range");
            }
            return Kind.NUMBER;
        }
        if (bound.getValueType() == JsonValue.ValueType.STRING) {
            String s = ((JsonString) bound).getString();
            if (s.strip().startsWith("now") || s.contains("||")) {
                throw new InvalidFilterException(path, "date math (\"" + s + "\") is not supported: give an ISO-8601 date");
            }
            return PropertyValues.isoDate(KeywordNormalizer.normalize(s)).isPresent() ? Kind.DATE : Kind.KEYWORD;
        }
        throw new InvalidFilterException(path, "a range bound must be a number, an ISO date or a string, got "
                + PropertyValues.kind(bound));
    }

    private static long date(JsonValue bound) {
        return PropertyValues.isoDate(KeywordNormalizer.normalize(((JsonString) bound).getString())).getAsLong();
    }

    private MetadataFilter exists(JsonValue json, String path) {
        JsonObject object = object(json, path, "{\"field\": \"<property>\"}");
        for (String key : object.keySet()) {
            if (!key.equals("field") && !key.equals("boost")) {
                throw new InvalidFilterException(path, "unknown exists parameter \"" + key + "\"; supported: field");
            }
        }
        boost(object, path);
        JsonValue field = object.get("field");
        if (field == null || field.getValueType() != JsonValue.ValueType.STRING
                || ((JsonString) field).getString().isBlank()) {
            throw new InvalidFilterException(path + ".field", "expected the name of a property");
        }
        leaf(path);
        return new MetadataFilter.Exists(((JsonString) field).getString());
    }

    private static FilterValue value(JsonValue v, String path) {
        return switch (v.getValueType()) {
            case STRING -> {
                String keyword = KeywordNormalizer.normalize(((JsonString) v).getString());
                OptionalLong date = PropertyValues.isoDate(keyword);
                yield new FilterValue.Text(keyword, date);
            }
            case NUMBER -> new FilterValue.Number(((JsonNumber) v).bigDecimalValue());
            case TRUE -> new FilterValue.Flag(true);
            case FALSE -> new FilterValue.Flag(false);
            default -> throw new InvalidFilterException(path, "expected a string, number or boolean, got "
                    + PropertyValues.kind(v));
        };
    }

    private static JsonObject object(JsonValue v, String path, String expected) {
        if (v == null || v.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidFilterException(path, "expected " + expected + ", got "
                    + (v == null ? "nothing" : PropertyValues.kind(v)));
        }
        return v.asJsonObject();
    }

    /** The one property a term/terms/range names, beside the parameters it may also carry. */
    private static String singleField(JsonObject object, String path, Set<String> parameters) {
        List<String> fields = new ArrayList<>();
        for (String key : object.keySet()) {
            if (!parameters.contains(key)) {
                fields.add(key);
            }
        }
        if (fields.size() != 1) {
            throw new InvalidFilterException(path, "expected exactly one property name, got "
                    + (fields.isEmpty() ? "none" : fields));
        }
        if (parameters.contains("boost")) {
            boost(object, path);
        }
        String field = fields.get(0);
        if (field.isBlank()) {
            throw new InvalidFilterException(path, "the property name is empty");
        }
        return field;
    }

    private static void boost(JsonObject object, String path) {
        JsonValue b = object.get("boost");
        if (b != null && b.getValueType() != JsonValue.ValueType.NUMBER) {
            throw new InvalidFilterException(path + ".boost", "expected a number, got " + PropertyValues.kind(b));
        }
    }

    private void leaf(String path) {
        if (++leaves > MAX_LEAVES) {
            throw new InvalidFilterException(path, "a filter may hold at most " + MAX_LEAVES + " term, terms, range or exists queries");
        }
    }
}
