package dev.newsroom.contracts;

import java.math.BigDecimal;
import tools.jackson.databind.JsonNode;

/**
 * An inclusive or exclusive bound on a number, a length or a size, as a schema declares it.
 *
 * <p>Why: {@code minimum} and {@code exclusiveMinimum} (and their upper forms) can both be present, and
 * a missing {@code minLength} means the same as {@code 0}; reading each keyword into one bound first lets
 * {@link BoundTightening} compare the released and current bounds without knowing how they were spelled.
 *
 * @param value the bound
 * @param exclusive whether the bound itself is excluded
 */
record Bound(BigDecimal value, boolean exclusive) {

    /** The lower bound of a number: the stricter of {@code minimum} and {@code exclusiveMinimum}, or null. */
    static Bound lower(JsonNode schema) {
        return stricter(of(schema, "minimum", false), of(schema, "exclusiveMinimum", true), 1);
    }

    /** The upper bound of a number: the stricter of {@code maximum} and {@code exclusiveMaximum}, or null. */
    static Bound upper(JsonNode schema) {
        return stricter(of(schema, "maximum", false), of(schema, "exclusiveMaximum", true), -1);
    }

    /** A size keyword such as {@code minLength}; a missing minimum size is 0, the same as none. */
    static Bound size(JsonNode schema, String keyword) {
        Bound bound = of(schema, keyword, false);
        return bound == null && keyword.startsWith("min") ? new Bound(BigDecimal.ZERO, false) : bound;
    }

    /** Of two lower ({@code sign} 1) or upper ({@code sign} -1) bounds, the one that admits less. */
    private static Bound stricter(Bound a, Bound b, int sign) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        int order = a.value().compareTo(b.value()) * sign;
        if (order != 0) {
            return order > 0 ? a : b;
        }
        return b.exclusive() ? b : a;
    }

    private static Bound of(JsonNode schema, String keyword, boolean exclusive) {
        JsonNode value = schema.get(keyword);
        return value != null && value.isNumber() ? new Bound(value.decimalValue(), exclusive) : null;
    }

    /** {@code 100}, or {@code exclusive 0}: how a detail names the bound. */
    @Override
    public String toString() {
        return (exclusive ? "exclusive " : "") + value.stripTrailingZeros().toPlainString();
    }
}
