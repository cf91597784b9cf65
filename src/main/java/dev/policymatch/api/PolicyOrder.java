package dev.policymatch.api;

import java.math.BigDecimal;

/**
 * How a policy's {@code order} is written, everywhere PolicyMatch writes one: Calico's number as
 * written ({@code 500}, {@code 500.5}, {@code 1000000}), never {@code 500.0} or {@code 1E+6}.
 */
public final class PolicyOrder {

    private PolicyOrder() {
    }

    /**
     * The order as a number for the report and the JSON/YAML documents: without trailing zeros or an
     * exponent; null (left out) when the policy has none, and for an infinite or NaN order, which JSON
     * cannot hold (a real API server refuses {@code order: 1e400}; the embedded one stores it).
     */
    public static BigDecimal decimal(Double order) {
        return order == null || order.isInfinite() || order.isNaN() ? null : decimal(BigDecimal.valueOf(order));
    }

    /** {@code order} without trailing zeros and without a negative scale, so it prints plainly; null stays null. */
    public static BigDecimal decimal(BigDecimal order) {
        if (order == null) {
            return null;
        }
        BigDecimal stripped = order.stripTrailingZeros();
        // 500 strips to 5E+2, which Jackson would print in scientific notation.
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /**
     * The order as calicoq prints it: the number as {@link #decimal(Double)} writes it ({@code 500},
     * {@code 1000000}, {@code 500.5}); {@code default} when the policy has none; {@code Infinity},
     * {@code -Infinity} or {@code NaN} as Java spells those.
     */
    public static String text(Double order) {
        if (order == null) {
            return "default";
        }
        if (order.isInfinite() || order.isNaN()) {
            return order.toString();
        }
        return decimal(order).toPlainString();
    }
}
