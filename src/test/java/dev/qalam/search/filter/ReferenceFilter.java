package dev.qalam.search.filter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The meaning of a {@link MetadataFilter} written as plainly as possible, over a document's properties in
 * memory: the oracle the engines' translations are checked against.
 */
public final class ReferenceFilter {

    private ReferenceFilter() {
    }

    public static boolean matches(MetadataFilter filter, Map<String, ?> properties) {
        if (filter instanceof MetadataFilter.Bool b) {
            for (MetadataFilter c : b.must()) {
                if (!matches(c, properties)) {
                    return false;
                }
            }
            for (MetadataFilter c : b.filter()) {
                if (!matches(c, properties)) {
                    return false;
                }
            }
            for (MetadataFilter c : b.mustNot()) {
                if (matches(c, properties)) {
                    return false;
                }
            }
            int should = 0;
            for (MetadataFilter c : b.should()) {
                if (matches(c, properties)) {
                    should++;
                }
            }
            return should >= b.minimumShouldMatch();
        }
        if (filter instanceof MetadataFilter.Exists e) {
            return properties.containsKey(e.field());
        }
        List<PropertyValues.Indexed> values = properties.containsKey(fieldOf(filter))
                ? PropertyValues.forms(properties.get(fieldOf(filter))) : List.of();
        for (PropertyValues.Indexed v : values) {
            if (valueMatches(filter, v)) {
                return true;
            }
        }
        return false;
    }

    private static String fieldOf(MetadataFilter f) {
        if (f instanceof MetadataFilter.Term t) {
            return t.field();
        }
        if (f instanceof MetadataFilter.Terms t) {
            return t.field();
        }
        if (f instanceof MetadataFilter.KeywordRange r) {
            return r.field();
        }
        if (f instanceof MetadataFilter.NumberRange r) {
            return r.field();
        }
        return ((MetadataFilter.DateRange) f).field();
    }

    private static boolean valueMatches(MetadataFilter f, PropertyValues.Indexed v) {
        if (f instanceof MetadataFilter.Term t) {
            return equal(t.value(), v);
        }
        if (f instanceof MetadataFilter.Terms t) {
            return t.values().stream().anyMatch(x -> equal(x, v));
        }
        if (f instanceof MetadataFilter.KeywordRange r) {
            byte[] k = v.keyword().getBytes(StandardCharsets.UTF_8);
            if (r.lower() != null) {
                int c = Arrays.compareUnsigned(k, r.lower().getBytes(StandardCharsets.UTF_8));
                if (c < 0 || (c == 0 && !r.includeLower())) {
                    return false;
                }
            }
            if (r.upper() != null) {
                int c = Arrays.compareUnsigned(k, r.upper().getBytes(StandardCharsets.UTF_8));
                if (c > 0 || (c == 0 && !r.includeUpper())) {
                    return false;
                }
            }
            return true;
        }
        if (f instanceof MetadataFilter.NumberRange r) {
            if (v.number() == null) {
                return false;
            }
            double n = v.number();
            return (r.lower() == null || (r.includeLower() ? n >= r.lower() : n > r.lower()))
                    && (r.upper() == null || (r.includeUpper() ? n <= r.upper() : n < r.upper()));
        }
        MetadataFilter.DateRange r = (MetadataFilter.DateRange) f;
        if (v.date() == null) {
            return false;
        }
        long d = v.date();
        return (r.lower() == null || (r.includeLower() ? d >= r.lower() : d > r.lower()))
                && (r.upper() == null || (r.includeUpper() ? d <= r.upper() : d < r.upper()));
    }

    private static boolean equal(FilterValue value, PropertyValues.Indexed v) {
        if (value.keyword().equals(v.keyword())) {
            return true;
        }
        if (value instanceof FilterValue.Text t && t.date().isPresent() && v.date() != null) {
            return t.date().getAsLong() == v.date();
        }
        if (value instanceof FilterValue.Number n && v.number() != null) {
            return n.asDouble() == v.number();
        }
        return false;
    }
}
