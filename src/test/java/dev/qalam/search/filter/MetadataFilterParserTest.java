package dev.qalam.search.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.json.Jsonp;
import dev.qalam.testing.ContractExamples;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetadataFilterParserTest {

    static final String SEED_EXAMPLE = ContractExamples.DEPLOYMENT_FILTER;

    static JsonValue json(String text) {
        return Jsonp.PROVIDER.createReader(new StringReader(text)).readValue();
    }

    @Test
    void theSeedExampleParsesAsObjectAndAsString() {
        MetadataFilter asObject = MetadataFilter.parse(json(SEED_EXAMPLE), "filter_metadata").orElseThrow();
        MetadataFilter asString = MetadataFilter.parse(Jsonp.PROVIDER.createValue(SEED_EXAMPLE), "filter_metadata").orElseThrow();
        assertEquals(asObject, asString);
        MetadataFilter.Bool bool = assertInstanceOf(MetadataFilter.Bool.class, asObject);
        assertEquals(2, bool.must().size());
        MetadataFilter.Bool jurisdictions = assertInstanceOf(MetadataFilter.Bool.class, bool.must().get(0));
        assertEquals(1, jurisdictions.minimumShouldMatch(), "a should-only bool needs one should clause");
        assertEquals(new MetadataFilter.Term("jurisdiction", new FilterValue.Text("alabama", java.util.OptionalLong.empty())),
                jurisdictions.should().get(0));
        MetadataFilter.DateRange date = assertInstanceOf(MetadataFilter.DateRange.class, bool.must().get(1));
        assertEquals(Instant.parse("2024-10-29T00:00:00Z").toEpochMilli(), date.lower());
        assertEquals(false, date.includeLower());
    }

    @Test
    void theSeedExampleMatchesAsDocumented() {
        MetadataFilter f = MetadataFilter.parse(SEED_EXAMPLE, "filter_metadata").orElseThrow();
        assertTrue(ReferenceFilter.matches(f, Map.of("jurisdiction", "Alabama", "date", "2024-10-30")));
        assertTrue(ReferenceFilter.matches(f, Map.of("jurisdiction", "NEVADA", "date", "2025-01-01T08:00:00Z")));
        assertEquals(false, ReferenceFilter.matches(f, Map.of("jurisdiction", "Texas", "date", "2024-10-30")));
        assertEquals(false, ReferenceFilter.matches(f, Map.of("jurisdiction", "Florida", "date", "2024-10-29")));
        assertEquals(false, ReferenceFilter.matches(f, Map.of("jurisdiction", "Florida")));
    }

    @Test
    void nothingGivenMeansNoFilter() {
        assertEquals(Optional.empty(), MetadataFilter.parse((JsonValue) null, "f"));
        assertEquals(Optional.empty(), MetadataFilter.parse(JsonValue.NULL, "f"));
        assertEquals(Optional.empty(), MetadataFilter.parse(json("{}"), "f"));
        assertEquals(Optional.empty(), MetadataFilter.parse(Jsonp.PROVIDER.createValue(" "), "f"));
    }

    @Test
    void elasticsearchLeniencies() {
        // A single clause instead of an array, term in long form, boost, minimum_should_match as a percentage.
        MetadataFilter f = MetadataFilter.parse(json("""
                {"bool": {"filter": {"term": {"k": {"value": "X", "boost": 2}}},
                          "should": [{"exists": {"field": "a"}}, {"exists": {"field": "b"}}],
                          "minimum_should_match": "50%", "boost": 1.0}}"""), "f").orElseThrow();
        MetadataFilter.Bool bool = (MetadataFilter.Bool) f;
        assertEquals(1, bool.filter().size());
        assertEquals(1, bool.minimumShouldMatch());
        assertEquals("x", ((MetadataFilter.Term) bool.filter().get(0)).value().keyword());
    }

    @Test
    void minimumShouldMatchFollowsElasticsearch() {
        assertEquals(0, msm("{\"bool\":{\"must\":[{\"exists\":{\"field\":\"a\"}}],\"should\":[{\"exists\":{\"field\":\"b\"}}]}}"));
        assertEquals(2, msm("{\"bool\":{\"should\":[" + exists(3) + "],\"minimum_should_match\":-1}}"));
        assertEquals(1, msm("{\"bool\":{\"should\":[" + exists(3) + "],\"minimum_should_match\":\"34%\"}}"));
        assertEquals(2, msm("{\"bool\":{\"should\":[" + exists(3) + "],\"minimum_should_match\":\"-34%\"}}"));
        assertEquals(1, msm("{\"bool\":{\"should\":[" + exists(3) + "],\"minimum_should_match\":0}}"),
                "a bool with only should clauses never matches by none of them");
        assertEquals(5, msm("{\"bool\":{\"should\":[" + exists(3) + "],\"minimum_should_match\":5}}"));
    }

    private static String exists(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "{\"exists\":{\"field\":\"a\"}}"));
    }

    private static int msm(String json) {
        return ((MetadataFilter.Bool) MetadataFilter.parse(json, "f").orElseThrow()).minimumShouldMatch();
    }

    @Test
    void rangesAreTypedByTheirBounds() {
        assertInstanceOf(MetadataFilter.NumberRange.class, parse("{\"range\":{\"n\":{\"gte\":1,\"lt\":5.5}}}"));
        assertInstanceOf(MetadataFilter.DateRange.class, parse("{\"range\":{\"d\":{\"lte\":\"2024-10-29T10:00:00+03:00\"}}}"));
        MetadataFilter.KeywordRange k = assertInstanceOf(MetadataFilter.KeywordRange.class,
                parse("{\"range\":{\"name\":{\"gte\":\"B\",\"lt\":\"D\"}}}"));
        assertEquals("b", k.lower());
        assertEquals(true, k.includeLower());
        assertEquals(false, k.includeUpper());
    }

    private static MetadataFilter parse(String json) {
        return MetadataFilter.parse(json, "filter_metadata").orElseThrow();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1]                                                        | filter_metadata: expected a query object such as {\"term\": {...}}, got an array",
        "{\"match\":{\"a\":\"b\"}}                                  | filter_metadata: unsupported query \"match\"; supported: bool, term, terms, range, exists",
        "{\"term\":{\"a\":\"b\"},\"exists\":{\"field\":\"a\"}}       | filter_metadata: a query object must have exactly one key (bool, term, terms, range, exists), got [term, exists]",
        "{\"bool\":{\"must\":[{\"term\":{\"a\":\"b\"}},{\"range\":{\"date\":{\"gt\":true}}}]}} | filter_metadata.bool.must[1].range.date.gt: a range bound must be a number, an ISO date or a string, got a boolean",
        "{\"bool\":{\"must\":[{\"range\":{\"date\":{}}}]}}           | filter_metadata.bool.must[0].range.date: a range needs at least one of gt, gte, lt, lte",
        "{\"bool\":{\"mustt\":[]}}                                   | filter_metadata.bool: unknown bool parameter \"mustt\"; supported: must, filter, should, must_not, minimum_should_match",
        "{\"bool\":{\"should\":\"x\"}}                               | filter_metadata.bool.should: expected a query object or an array of them, got a string",
        "{\"term\":{\"a\":{\"x\":1}}}                                | filter_metadata.term.a: unknown term parameter \"x\"; supported: value",
        "{\"term\":{\"a\":[1]}}                                      | filter_metadata.term.a: expected a string, number or boolean, got an array",
        "{\"term\":{}}                                               | filter_metadata.term: expected exactly one property name, got none",
        "{\"terms\":{\"a\":\"b\"}}                                   | filter_metadata.terms.a: expected an array of values, got a string",
        "{\"range\":{\"d\":{\"gt\":1,\"lt\":\"2024-01-01\"}}}        | filter_metadata.range.d: the bounds must both be numbers, both dates or both strings, got a number and a date",
        "{\"range\":{\"d\":{\"gt\":1,\"gte\":2}}}                    | filter_metadata.range.d: give gt or gte, not both",
        "{\"range\":{\"d\":{\"gt\":\"now-1d\"}}}                      | filter_metadata.range.d.gt: date math (\"now-1d\") is not supported: give an ISO-8601 date",
        "{\"range\":{\"d\":{\"gt\":\"2024-01-01\",\"format\":\"yyyy\"}}} | filter_metadata.range.d: \"format\" is not supported: give dates in ISO-8601 (\"2024-10-29\" or \"2024-10-29T10:00:00+03:00\")",
        "{\"exists\":{\"field\":3}}                                  | filter_metadata.exists.field: expected the name of a property",
        "{\"bool\":{\"should\":[{\"exists\":{\"field\":\"a\"}}],\"minimum_should_match\":\"x\"}} | filter_metadata.bool.minimum_should_match: expected an integer or a percentage such as \"50%\", got \"x\"",
        "{\"bool\":                                                  | filter_metadata: not valid JSON",
    })
    void invalidFiltersNameThePathAndTheProblem(String json, String message) {
        InvalidFilterException e = assertThrows(InvalidFilterException.class,
                () -> MetadataFilter.parse(Jsonp.PROVIDER.createValue(json.strip()), "filter_metadata"));
        assertTrue(e.getMessage().startsWith(message.strip()), e.getMessage());
        assertEquals(400, e.status());
        assertEquals("invalid_filter", e.code());
    }

    @Test
    void hostileNestingAndSizeAreRefused() {
        String deep = "{\"bool\":{\"must\":".repeat(30) + "{\"exists\":{\"field\":\"a\"}}" + "}}".repeat(30);
        assertTrue(assertThrows(InvalidFilterException.class, () -> parse(deep)).getMessage().contains("nested deeper than"));
        String wide = "{\"bool\":{\"should\":[" + exists(300) + "]}}";
        assertTrue(assertThrows(InvalidFilterException.class, () -> parse(wide)).getMessage().contains("at most 256"));
    }

    @Test
    void propertiesAreValidatedWithTheirNames() {
        Map<String, Object> ok = PropertyValues.validate(json("{\"jurisdiction\":\"Alabama\",\"year\":2024,"
                + "\"tags\":[\"a\",\"b\"],\"final\":true}"), "metadata");
        assertEquals(List.of("a", "b"), ok.get("tags"));
        assertEquals(new java.math.BigDecimal("2024"), ok.get("year"));
        assertEquals("metadata.owner: a property value must be a string, number, boolean, ISO date or an array of these, got an object",
                assertThrows(InvalidMetadataException.class,
                        () -> PropertyValues.validate(json("{\"owner\":{\"name\":\"x\"}}"), "metadata")).getMessage());
        assertEquals("metadata.tags[0]: arrays cannot be nested", assertThrows(InvalidMetadataException.class,
                () -> PropertyValues.validate(json("{\"tags\":[[1]]}"), "metadata")).getMessage());
        assertEquals("metadata must be a JSON object of file properties, got an array", assertThrows(InvalidMetadataException.class,
                () -> PropertyValues.validate(json("[]"), "metadata")).getMessage());
        assertEquals("metadata.x: a property value must be a string, number, boolean, ISO date or an array of these, got null",
                assertThrows(InvalidMetadataException.class, () -> PropertyValues.validate(json("{\"x\":null}"), "metadata")).getMessage());
    }

    @Test
    void valuesAreIndexedInEveryFormTheyHave() {
        assertEquals(List.of(new PropertyValues.Indexed("alabama", null, null)), PropertyValues.forms("Alabama"));
        assertEquals(List.of(new PropertyValues.Indexed("2024-10-30", null, Instant.parse("2024-10-30T00:00:00Z").toEpochMilli())),
                PropertyValues.forms("2024-10-30"));
        assertEquals(List.of(new PropertyValues.Indexed("5.5", 5.5, null)), PropertyValues.forms(new java.math.BigDecimal("5.50")));
        assertEquals(List.of(new PropertyValues.Indexed("-0", 0.0, null)), PropertyValues.forms("-0"));
        assertEquals(List.of(new PropertyValues.Indexed("true", null, null)), PropertyValues.forms(true));
        assertEquals("meta.a%2Eb%25c%20d.kw", PropertyFields.keyword("a.b%c d"));
        assertEquals("meta.الولاية.kw", PropertyFields.keyword("الولاية"));
    }
}
