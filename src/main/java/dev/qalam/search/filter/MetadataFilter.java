package dev.qalam.search.filter;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated metadata filter: the Elasticsearch query DSL subset of docs/search.md over a document's file
 * properties, parsed once ({@link #parse}) and then translated by each index engine. Immutable.
 *
 * <p>Every leaf names a property ({@code field}, the property's key as the client wrote it) and carries its
 * values already in the form they are compared in (see {@link PropertyValues}); a {@link Bool}'s
 * {@code minimumShouldMatch} is the effective number after Elasticsearch's defaults.
 */
public sealed interface MetadataFilter {

    /**
     * Parses a filter given as a JSON object or as a JSON string holding one.
     *
     * @param json the client's value; {@code null}, JSON null and an empty object mean no filter
     * @param name what the client called it (e.g. {@code filter_metadata}), the root of error paths
     * @throws InvalidFilterException naming the path and what is wrong
     */
    static Optional<MetadataFilter> parse(JsonValue json, String name) {
        return new MetadataFilterParser(name).parseRoot(json);
    }

    /** As {@link #parse(JsonValue, String)} for a filter given as JSON text. */
    static Optional<MetadataFilter> parse(String json, String name) {
        return new MetadataFilterParser(name).parseRoot(json);
    }

    /**
     * {@code bool}: every {@code must} and {@code filter} clause matches, no {@code must_not} clause does,
     * and at least {@code minimumShouldMatch} of the {@code should} clauses do. With no clause but
     * {@code must_not} (or none at all) it matches every document the other clauses allow.
     */
    record Bool(List<MetadataFilter> must, List<MetadataFilter> filter, List<MetadataFilter> should,
            List<MetadataFilter> mustNot, int minimumShouldMatch) implements MetadataFilter {
        public Bool {
            must = List.copyOf(must);
            filter = List.copyOf(filter);
            should = List.copyOf(should);
            mustNot = List.copyOf(mustNot);
        }

        /** True when no clause requires anything: the bool matches all but what {@code must_not} removes. */
        public boolean hasNoPositiveClause() {
            return must.isEmpty() && filter.isEmpty() && should.isEmpty();
        }
    }

    /** {@code term}: one of the property's values equals {@code value} (as {@link FilterValue} says). */
    record Term(String field, FilterValue value) implements MetadataFilter {
        public Term {
            Objects.requireNonNull(field);
            Objects.requireNonNull(value);
        }
    }

    /** {@code terms}: one of the property's values equals one of {@code values}; none given matches nothing. */
    record Terms(String field, List<FilterValue> values) implements MetadataFilter {
        public Terms {
            Objects.requireNonNull(field);
            values = List.copyOf(values);
        }
    }

    /** {@code range} with string bounds that are not dates: compared as normalised keywords, by code point. */
    record KeywordRange(String field, String lower, boolean includeLower, String upper, boolean includeUpper)
            implements MetadataFilter {
    }

    /** {@code range} with number bounds: over the property's numbers (and numeric strings). */
    record NumberRange(String field, Double lower, boolean includeLower, Double upper, boolean includeUpper)
            implements MetadataFilter {
    }

    /** {@code range} with ISO date bounds: over the property's dates, as instants (UTC when no offset is given). */
    record DateRange(String field, Long lower, boolean includeLower, Long upper, boolean includeUpper)
            implements MetadataFilter {
    }

    /** {@code exists}: the document has the property, with any value. */
    record Exists(String field) implements MetadataFilter {
        public Exists {
            Objects.requireNonNull(field);
        }
    }
}
