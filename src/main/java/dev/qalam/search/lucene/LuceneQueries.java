package dev.qalam.search.lucene;

import dev.qalam.search.IndexFields;
import dev.qalam.search.SearchScope;
import dev.qalam.search.filter.FilterValue;
import dev.qalam.search.filter.MetadataFilter;
import dev.qalam.search.filter.PropertyFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;

/** A search scope and a metadata filter as Lucene queries, clause for clause as OpenSearch runs them. */
final class LuceneQueries {

    private LuceneQueries() {
    }

    static Query scope(SearchScope scope) {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        scope.owner().ifPresent(owner -> b.add(new TermQuery(new Term(IndexFields.OWNER, owner)), Occur.FILTER));
        b.add(terms(IndexFields.COLLECTION_ID, scope.collectionIds()), Occur.FILTER);
        if (!scope.documentIds().isEmpty()) {
            b.add(terms(IndexFields.DOCUMENT_ID, scope.documentIds()), Occur.FILTER);
        }
        if (!scope.excludedDocumentIds().isEmpty()) {
            b.add(terms(IndexFields.DOCUMENT_ID, scope.excludedDocumentIds()), Occur.MUST_NOT);
        }
        scope.metadata().ifPresent(f -> b.add(metadata(f), Occur.FILTER));
        return b.build();
    }

    static Query terms(String field, Collection<String> values) {
        if (values.size() == 1) {
            return new TermQuery(new Term(field, values.iterator().next()));
        }
        List<BytesRef> refs = new ArrayList<>(values.size());
        for (String v : values) {
            refs.add(new BytesRef(v));
        }
        return new TermInSetQuery(field, refs);
    }

    static Query metadata(MetadataFilter filter) {
        if (filter instanceof MetadataFilter.Bool bool) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            bool.must().forEach(c -> b.add(metadata(c), Occur.FILTER));
            bool.filter().forEach(c -> b.add(metadata(c), Occur.FILTER));
            bool.should().forEach(c -> b.add(metadata(c), Occur.SHOULD));
            bool.mustNot().forEach(c -> b.add(metadata(c), Occur.MUST_NOT));
            if (bool.hasNoPositiveClause()) {
                b.add(new MatchAllDocsQuery(), Occur.FILTER);
            }
            if (!bool.should().isEmpty()) {
                b.setMinimumNumberShouldMatch(bool.minimumShouldMatch());
            }
            return b.build();
        }
        if (filter instanceof MetadataFilter.Term term) {
            return anyOf(term.field(), List.of(term.value()));
        }
        if (filter instanceof MetadataFilter.Terms terms) {
            if (terms.values().isEmpty()) {
                return new MatchNoDocsQuery("terms with no values");
            }
            return anyOf(terms.field(), terms.values());
        }
        if (filter instanceof MetadataFilter.KeywordRange r) {
            return TermRangeQuery.newStringRange(PropertyFields.keyword(r.field()), r.lower(), r.upper(),
                    r.includeLower(), r.includeUpper());
        }
        if (filter instanceof MetadataFilter.NumberRange r) {
            double lower = r.lower() == null ? Double.NEGATIVE_INFINITY
                    : r.includeLower() ? r.lower() : Math.nextUp(r.lower());
            double upper = r.upper() == null ? Double.POSITIVE_INFINITY
                    : r.includeUpper() ? r.upper() : Math.nextDown(r.upper());
            return DoublePoint.newRangeQuery(PropertyFields.number(r.field()), lower, upper);
        }
        if (filter instanceof MetadataFilter.DateRange r) {
            long lower = Long.MIN_VALUE;
            long upper = Long.MAX_VALUE;
            if (r.lower() != null) {
                if (!r.includeLower() && r.lower() == Long.MAX_VALUE) {
                    return new MatchNoDocsQuery("empty date range");
                }
                lower = r.includeLower() ? r.lower() : r.lower() + 1;
            }
            if (r.upper() != null) {
                if (!r.includeUpper() && r.upper() == Long.MIN_VALUE) {
                    return new MatchNoDocsQuery("empty date range");
                }
                upper = r.includeUpper() ? r.upper() : r.upper() - 1;
            }
            return LongPoint.newRangeQuery(PropertyFields.date(r.field()), lower, upper);
        }
        if (filter instanceof MetadataFilter.Exists e) {
            return new TermQuery(new Term(IndexFields.METADATA_KEYS, e.field()));
        }
        throw new IllegalArgumentException("Unknown filter " + filter);
    }

    /** A property value equal to one of the values: as keyword, or as the same instant, or the same number. */
    private static Query anyOf(String field, List<FilterValue> values) {
        List<String> keywords = new ArrayList<>();
        List<Long> dates = new ArrayList<>();
        List<Double> numbers = new ArrayList<>();
        for (FilterValue v : values) {
            keywords.add(v.keyword());
            if (v instanceof FilterValue.Text t && t.date().isPresent()) {
                dates.add(t.date().getAsLong());
            }
            if (v instanceof FilterValue.Number n) {
                numbers.add(n.asDouble());
            }
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(terms(PropertyFields.keyword(field), keywords), Occur.SHOULD);
        if (!dates.isEmpty()) {
            b.add(LongPoint.newSetQuery(PropertyFields.date(field), dates), Occur.SHOULD);
        }
        if (!numbers.isEmpty()) {
            b.add(DoublePoint.newSetQuery(PropertyFields.number(field), numbers.stream().mapToDouble(Double::doubleValue).toArray()),
                    Occur.SHOULD);
        }
        return b.build();
    }
}
