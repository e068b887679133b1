package dev.qalam.platform.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonMergePatch;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonPatch;
import jakarta.json.JsonPatchBuilder;
import jakarta.json.JsonPointer;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A JSON-P provider that refuses documents nested deeper than a limit with a {@link JsonNestingException}
 * (a {@link JsonParsingException}, so every caller that handles unreadable JSON handles it too). Everything
 * else is the wrapped provider's.
 *
 * <p>Why: Parsson (the provider on Liberty) builds values recursively and, past its own depth limit of
 * 1000, throws a bare {@link RuntimeException} that no mapper can tell from a bug; a body nested 2,000 levels
 * deep answered 500. Counting depth in the parser's event stream, below any limit of the provider, makes
 * depth an ordinary parse error for every reader: JSON-P readers, {@link JsonParser}s, and JSON-B (which
 * reads through this provider's parsers, see {@link JsonbProvider}). Values are built here from the event
 * stream, never by the wrapped provider's recursive {@code getObject}, so the limit holds there too.
 */
public final class DepthLimitedJsonProvider extends JsonProvider {

    private final JsonProvider delegate;
    private final int maxDepth;

    public DepthLimitedJsonProvider(JsonProvider delegate, int maxDepth) {
        this.delegate = Objects.requireNonNull(delegate);
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1");
        }
        this.maxDepth = maxDepth;
    }

    public int maxDepth() {
        return maxDepth;
    }

    private JsonParser bounded(JsonParser parser) {
        return new Parser(parser);
    }

    @Override
    public JsonParser createParser(Reader reader) {
        return bounded(delegate.createParser(reader));
    }

    @Override
    public JsonParser createParser(InputStream in) {
        return bounded(delegate.createParser(in));
    }

    @Override
    public JsonParserFactory createParserFactory(Map<String, ?> config) {
        return new ParserFactory(delegate.createParserFactory(config));
    }

    @Override
    public JsonReader createReader(Reader reader) {
        return new BoundedReader(createParser(reader));
    }

    @Override
    public JsonReader createReader(InputStream in) {
        return new BoundedReader(createParser(in));
    }

    @Override
    public JsonReaderFactory createReaderFactory(Map<String, ?> config) {
        ParserFactory parsers = new ParserFactory(delegate.createParserFactory(config));
        return new JsonReaderFactory() {
            @Override
            public JsonReader createReader(Reader reader) {
                return new BoundedReader(parsers.createParser(reader));
            }

            @Override
            public JsonReader createReader(InputStream in) {
                return new BoundedReader(parsers.createParser(in));
            }

            @Override
            public JsonReader createReader(InputStream in, Charset charset) {
                return new BoundedReader(parsers.createParser(in, charset));
            }

            @Override
            public Map<String, ?> getConfigInUse() {
                return parsers.getConfigInUse();
            }
        };
    }

    @Override
    public JsonGenerator createGenerator(java.io.Writer writer) {
        return delegate.createGenerator(writer);
    }

    @Override
    public JsonGenerator createGenerator(java.io.OutputStream out) {
        return delegate.createGenerator(out);
    }

    @Override
    public JsonGeneratorFactory createGeneratorFactory(Map<String, ?> config) {
        return delegate.createGeneratorFactory(config);
    }

    @Override
    public JsonWriter createWriter(java.io.Writer writer) {
        return delegate.createWriter(writer);
    }

    @Override
    public JsonWriter createWriter(java.io.OutputStream out) {
        return delegate.createWriter(out);
    }

    @Override
    public JsonWriterFactory createWriterFactory(Map<String, ?> config) {
        return delegate.createWriterFactory(config);
    }

    @Override
    public JsonObjectBuilder createObjectBuilder() {
        return delegate.createObjectBuilder();
    }

    @Override
    public JsonObjectBuilder createObjectBuilder(JsonObject object) {
        return delegate.createObjectBuilder(object);
    }

    @Override
    public JsonObjectBuilder createObjectBuilder(Map<String, ?> map) {
        return delegate.createObjectBuilder(map);
    }

    @Override
    public JsonArrayBuilder createArrayBuilder() {
        return delegate.createArrayBuilder();
    }

    @Override
    public JsonArrayBuilder createArrayBuilder(JsonArray array) {
        return delegate.createArrayBuilder(array);
    }

    @Override
    public JsonArrayBuilder createArrayBuilder(Collection<?> collection) {
        return delegate.createArrayBuilder(collection);
    }

    @Override
    public JsonBuilderFactory createBuilderFactory(Map<String, ?> config) {
        return delegate.createBuilderFactory(config);
    }

    @Override
    public JsonPointer createPointer(String pointer) {
        return delegate.createPointer(pointer);
    }

    @Override
    public JsonPatchBuilder createPatchBuilder() {
        return delegate.createPatchBuilder();
    }

    @Override
    public JsonPatchBuilder createPatchBuilder(JsonArray array) {
        return delegate.createPatchBuilder(array);
    }

    @Override
    public JsonPatch createPatch(JsonArray array) {
        return delegate.createPatch(array);
    }

    @Override
    public JsonPatch createDiff(JsonStructure source, JsonStructure target) {
        return delegate.createDiff(source, target);
    }

    @Override
    public JsonMergePatch createMergePatch(JsonValue patch) {
        return delegate.createMergePatch(patch);
    }

    @Override
    public JsonMergePatch createMergeDiff(JsonValue source, JsonValue target) {
        return delegate.createMergeDiff(source, target);
    }

    @Override
    public JsonString createValue(String value) {
        return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(int value) {
        return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(long value) {
        return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(double value) {
        return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(BigDecimal value) {
        return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(BigInteger value) {
        return delegate.createValue(value);
    }

    @Override
    public JsonNumber createValue(Number value) {
        return delegate.createValue(value);
    }

    private final class ParserFactory implements JsonParserFactory {
        private final JsonParserFactory factory;

        ParserFactory(JsonParserFactory factory) {
            this.factory = factory;
        }

        @Override
        public JsonParser createParser(Reader reader) {
            return bounded(factory.createParser(reader));
        }

        @Override
        public JsonParser createParser(InputStream in) {
            return bounded(factory.createParser(in));
        }

        @Override
        public JsonParser createParser(InputStream in, Charset charset) {
            return bounded(factory.createParser(in, charset));
        }

        @Override
        public JsonParser createParser(JsonObject object) {
            return bounded(factory.createParser(object));
        }

        @Override
        public JsonParser createParser(JsonArray array) {
            return bounded(factory.createParser(array));
        }

        @Override
        public Map<String, ?> getConfigInUse() {
            return factory.getConfigInUse();
        }
    }

    /**
     * Counts the depth on every event. Values are assembled here from events (recursion bounded by the
     * limit), and skipping reads events too, so no path reaches the wrapped parser's own recursion.
     */
    private final class Parser implements JsonParser {
        private final JsonParser p;
        /** Whether each open structure, outermost first, is an array; {@code depth} of them are open. */
        private final boolean[] arrays = new boolean[maxDepth + 1];
        private int depth;

        Parser(JsonParser p) {
            this.p = p;
        }

        @Override
        public boolean hasNext() {
            return p.hasNext();
        }

        @Override
        public Event next() {
            Event e = p.next();
            switch (e) {
                case START_OBJECT, START_ARRAY -> {
                    if (depth == maxDepth) {
                        throw new JsonNestingException(maxDepth, p.getLocation());
                    }
                    arrays[depth++] = e == Event.START_ARRAY;
                }
                case END_OBJECT, END_ARRAY -> depth--;
                case KEY_NAME, VALUE_STRING -> {
                    if (p.getString().indexOf('\u0000') >= 0) {
                        throw new JsonNulCharacterException(p.getLocation());
                    }
                }
                default -> {
                }
            }
            return e;
        }

        @Override
        public Event currentEvent() {
            return p.currentEvent();
        }

        @Override
        public String getString() {
            return p.getString();
        }

        @Override
        public boolean isIntegralNumber() {
            return p.isIntegralNumber();
        }

        @Override
        public int getInt() {
            return p.getInt();
        }

        @Override
        public long getLong() {
            return p.getLong();
        }

        @Override
        public BigDecimal getBigDecimal() {
            return p.getBigDecimal();
        }

        @Override
        public JsonLocation getLocation() {
            return p.getLocation();
        }

        @Override
        public JsonObject getObject() {
            if (p.currentEvent() != Event.START_OBJECT) {
                throw new IllegalStateException("getObject() needs the parser at START_OBJECT, not " + p.currentEvent());
            }
            return readObject();
        }

        @Override
        public JsonArray getArray() {
            if (p.currentEvent() != Event.START_ARRAY) {
                throw new IllegalStateException("getArray() needs the parser at START_ARRAY, not " + p.currentEvent());
            }
            return readArray();
        }

        @Override
        public JsonValue getValue() {
            Event e = p.currentEvent();
            if (e == null) {
                throw new IllegalStateException("getValue() before the first event");
            }
            return switch (e) {
                case START_OBJECT -> readObject();
                case START_ARRAY -> readArray();
                case END_OBJECT, END_ARRAY -> throw new IllegalStateException("getValue() at " + e);
                default -> p.getValue();
            };
        }

        /** The object whose START_OBJECT was the last event; ends on its END_OBJECT. */
        private JsonObject readObject() {
            JsonObjectBuilder b = delegate.createObjectBuilder();
            while (true) {
                Event e = next();
                if (e == Event.END_OBJECT) {
                    return b.build();
                }
                if (e != Event.KEY_NAME) {
                    throw new JsonParsingException("Expected a key, found " + e, p.getLocation());
                }
                String key = p.getString();
                next();
                b.add(key, getValue());
            }
        }

        /** The array whose START_ARRAY was the last event; ends on its END_ARRAY. */
        private JsonArray readArray() {
            JsonArrayBuilder b = delegate.createArrayBuilder();
            while (true) {
                Event e = next();
                if (e == Event.END_ARRAY) {
                    return b.build();
                }
                b.add(getValue());
            }
        }

        @Override
        public Stream<JsonValue> getArrayStream() {
            return getArray().stream();
        }

        @Override
        public Stream<Map.Entry<String, JsonValue>> getObjectStream() {
            return getObject().entrySet().stream();
        }

        @Override
        public void skipArray() {
            skip(Event.START_ARRAY);
        }

        @Override
        public void skipObject() {
            skip(Event.START_OBJECT);
        }

        /** Reads to the end of the innermost open structure if it is of this kind; otherwise does nothing. */
        private void skip(Event kind) {
            if (depth == 0 || arrays[depth - 1] != (kind == Event.START_ARRAY)) {
                return;
            }
            int open = depth;
            while (depth >= open) {
                next();
            }
        }

        @Override
        public void close() {
            p.close();
        }
    }

    /** A reader of one value over a bounded parser, as the JSON-P readers behave. */
    private final class BoundedReader implements JsonReader {
        private final JsonParser parser;
        private boolean done;

        BoundedReader(JsonParser parser) {
            this.parser = parser;
        }

        @Override
        public JsonStructure read() {
            JsonValue v = readValue();
            if (v instanceof JsonStructure s) {
                return s;
            }
            throw new JsonParsingException("Expected a JSON object or array, found " + v.getValueType(),
                    parser.getLocation());
        }

        @Override
        public JsonObject readObject() {
            JsonValue v = readValue();
            if (v instanceof JsonObject o) {
                return o;
            }
            throw new JsonParsingException("Expected a JSON object, found " + v.getValueType(), parser.getLocation());
        }

        @Override
        public JsonArray readArray() {
            JsonValue v = readValue();
            if (v instanceof JsonArray a) {
                return a;
            }
            throw new JsonParsingException("Expected a JSON array, found " + v.getValueType(), parser.getLocation());
        }

        @Override
        public JsonValue readValue() {
            if (done) {
                throw new IllegalStateException("A JsonReader reads one value only.");
            }
            done = true;
            if (!parser.hasNext()) {
                throw new JsonParsingException("No JSON value in the input.", parser.getLocation());
            }
            parser.next();
            JsonValue v = parser.getValue();
            // Anything but whitespace after the value makes the document invalid (hasNext throws on it).
            if (parser.hasNext()) {
                throw new JsonParsingException("Unexpected content after the JSON value.", parser.getLocation());
            }
            return v;
        }

        @Override
        public void close() {
            parser.close();
        }
    }
}
