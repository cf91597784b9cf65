package dev.policymatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyOrderTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "500,       500",
        "500.5,     500.5",
        "1000000,   1000000",
        "1e7,       10000000",
        "0,         0",
        "-10,       -10",
        "0.25,      0.25",
        "100.10,    100.1"})
    void ordersPrintWithoutDecimalPointOrExponentWhenWhole(double order, String printed) {
        assertThat(PolicyOrder.text(order)).isEqualTo(printed);
    }

    @Test
    void anAbsentOrderIsDefault() {
        assertThat(PolicyOrder.text(null)).isEqualTo("default");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {500, 500.5, 1e6, 1e7, 0, -10, 0.25, 100.10})
    void theNumberIsTheTextOfCalicoq(double order) {
        BigDecimal decimal = PolicyOrder.decimal(order);
        assertThat(decimal.scale()).isNotNegative();
        assertThat(decimal.toString()).isEqualTo(PolicyOrder.text(order));
    }

    @Test
    void aWrittenNumberIsKeptAsCalicoWroteIt() {
        assertThat(PolicyOrder.decimal(new BigDecimal("1E+3"))).hasToString("1000");
        assertThat(PolicyOrder.decimal(new BigDecimal("500.50"))).hasToString("500.5");
        assertThat(PolicyOrder.decimal((BigDecimal) null)).isNull();
        assertThat(PolicyOrder.decimal((Double) null)).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(doubles = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN})
    void anOrderJsonCannotHoldIsLeftOutOfDocumentsAndSpelledOutInText(double order) {
        assertThat(PolicyOrder.decimal(order)).isNull();
        assertThat(PolicyOrder.text(order)).isEqualTo(Double.toString(order));

        AppliedPolicy applied = new AppliedPolicy();
        applied.setOrderValue(order);
        assertThat(applied.getOrder()).isNull();
    }
}
