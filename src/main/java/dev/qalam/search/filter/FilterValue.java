package dev.qalam.search.filter;

import java.math.BigDecimal;
import java.util.OptionalLong;

/**
 * A value of a {@code term} or {@code terms} filter, in the forms it is compared in. A property value
 * matches when its normalised keyword equals {@link #keyword()}; besides, a date matches a property
 * holding the same instant (so "2024-10-30" matches "2024-10-30T00:00:00Z"), and a number matches a
 * property holding the same number (so 5.5 matches "5.50").
 */
public sealed interface FilterValue {

    /** The normalised keyword the property's keyword form must equal. */
    String keyword();

    /** A string; {@code date} set when it is an ISO date or date-time. */
    record Text(String keyword, OptionalLong date) implements FilterValue {
    }

    /** A JSON number. */
    record Number(BigDecimal value) implements FilterValue {
        @Override
        public String keyword() {
            return PropertyValues.canonical(value);
        }

        public double asDouble() {
            return value.doubleValue();
        }
    }

    /** A JSON boolean, matching the property's boolean (or the string "true"/"false"). */
    record Flag(boolean value) implements FilterValue {
        @Override
        public String keyword() {
            return Boolean.toString(value);
        }
    }
}
