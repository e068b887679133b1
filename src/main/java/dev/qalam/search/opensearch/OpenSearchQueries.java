package dev.qalam.search.opensearch;

import dev.qalam.search.IndexFields;
import dev.qalam.search.SearchScope;
import dev.qalam.search.filter.FilterValue;
import dev.qalam.search.filter.MetadataFilter;
import dev.qalam.search.filter.PropertyFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch._types.query_dsl.RangeQuery;

/**
 * A search scope and a metadata filter as OpenSearch queries: the filter passes through as OpenSearch's own
 * bool/term/terms/range/exists over the property fields, with {@code minimum_should_match} always explicit
 * (OpenSearch's default differs in filter context from Elasticsearch's, which the parser already applied).
 */
final class OpenSearchQueries {

    private OpenSearchQueries() {
    }

    static Query scope(SearchScope scope) {
        BoolQuery.Builder b = new BoolQuery.Builder();
        scope.owner().ifPresent(owner -> b.filter(term(IndexFields.OWNER, owner)));
        b.filter(terms(IndexFields.COLLECTION_ID, scope.collectionIds()));
        if (!scope.documentIds().isEmpty()) {
            b.filter(terms(IndexFields.DOCUMENT_ID, scope.documentIds()));
        }
        if (!scope.excludedDocumentIds().isEmpty()) {
            b.mustNot(terms(IndexFields.DOCUMENT_ID, scope.excludedDocumentIds()));
        }
        scope.metadata().ifPresent(f -> b.filter(metadata(f)));
        return b.build()._toQuery();
    }

    static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    static Query terms(String field, Collection<String> values) {
        if (values.size() == 1) {
            return term(field, values.iterator().next());
        }
        List<FieldValue> list = values.stream().map(FieldValue::of).toList();
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(list))));
    }

    static Query metadata(MetadataFilter filter) {
        if (filter instanceof MetadataFilter.Bool bool) {
            if (bool.must().isEmpty() && bool.filter().isEmpty() && bool.should().isEmpty() && bool.mustNot().isEmpty()) {
                return Query.of(q -> q.matchAll(m -> m));
            }
            BoolQuery.Builder b = new BoolQuery.Builder();
            bool.must().forEach(c -> b.must(metadata(c)));
            bool.filter().forEach(c -> b.filter(metadata(c)));
            bool.should().forEach(c -> b.should(metadata(c)));
            bool.mustNot().forEach(c -> b.mustNot(metadata(c)));
            if (!bool.should().isEmpty()) {
                b.minimumShouldMatch(Integer.toString(bool.minimumShouldMatch()));
            }
            return b.build()._toQuery();
        }
        if (filter instanceof MetadataFilter.Term term) {
            return anyOf(term.field(), List.of(term.value()));
        }
        if (filter instanceof MetadataFilter.Terms terms) {
            if (terms.values().isEmpty()) {
                return Query.of(q -> q.matchNone(m -> m));
            }
            return anyOf(terms.field(), terms.values());
        }
        if (filter instanceof MetadataFilter.KeywordRange r) {
            return range(PropertyFields.keyword(r.field()), r.lower(), r.includeLower(), r.upper(), r.includeUpper());
        }
        if (filter instanceof MetadataFilter.NumberRange r) {
            return range(PropertyFields.number(r.field()), r.lower(), r.includeLower(), r.upper(), r.includeUpper());
        }
        if (filter instanceof MetadataFilter.DateRange r) {
            return range(PropertyFields.date(r.field()), r.lower(), r.includeLower(), r.upper(), r.includeUpper());
        }
        if (filter instanceof MetadataFilter.Exists e) {
            return Query.of(q -> q.exists(x -> x.field(PropertyFields.keyword(e.field()))));
        }
        throw new IllegalArgumentException("Unknown filter " + filter);
    }

    private static Query range(String field, Object lower, boolean includeLower, Object upper, boolean includeUpper) {
        RangeQuery.Builder r = new RangeQuery.Builder().field(field);
        if (lower != null) {
            if (includeLower) {
                r.gte(JsonData.of(lower));
            } else {
                r.gt(JsonData.of(lower));
            }
        }
        if (upper != null) {
            if (includeUpper) {
                r.lte(JsonData.of(upper));
            } else {
                r.lt(JsonData.of(upper));
            }
        }
        return r.build()._toQuery();
    }

    /** As the Lucene translation: the keyword, or the same instant, or the same number. */
    private static Query anyOf(String field, List<FilterValue> values) {
        List<String> keywords = new ArrayList<>();
        List<FieldValue> dates = new ArrayList<>();
        List<FieldValue> numbers = new ArrayList<>();
        for (FilterValue v : values) {
            keywords.add(v.keyword());
            if (v instanceof FilterValue.Text t && t.date().isPresent()) {
                dates.add(FieldValue.of(t.date().getAsLong()));
            }
            if (v instanceof FilterValue.Number n) {
                numbers.add(FieldValue.of(n.asDouble()));
            }
        }
        List<Query> any = new ArrayList<>();
        any.add(terms(PropertyFields.keyword(field), new java.util.LinkedHashSet<>(keywords)));
        if (!dates.isEmpty()) {
            any.add(Query.of(q -> q.terms(t -> t.field(PropertyFields.date(field)).terms(v -> v.value(dates)))));
        }
        if (!numbers.isEmpty()) {
            any.add(Query.of(q -> q.terms(t -> t.field(PropertyFields.number(field)).terms(v -> v.value(numbers)))));
        }
        if (any.size() == 1) {
            return any.get(0);
        }
        return Query.of(q -> q.bool(b -> b.should(any).minimumShouldMatch("1")));
    }
}
