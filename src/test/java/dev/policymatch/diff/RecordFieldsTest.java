package dev.policymatch.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Tier;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RecordFieldsTest {
    @Test
    void namesTheComponentsThatDifferInDeclarationOrder() {
        HostEndpoint a = new HostEndpoint("h", "n", new TreeMap<>(), "eth0", List.of("10.0.0.1"), List.of(), List.of());
        HostEndpoint b = new HostEndpoint("h", "n", new TreeMap<>(Map.of("k", "v")), "eth1",
                List.of("10.0.0.1"), List.of(), List.of());
        assertThat(RecordFields.changed(a, b)).containsExactly("labels", "interfaceName");
        assertThat(RecordFields.changed(a, a)).isEmpty();
    }

    @Test
    void recordsOfTwoTypesDifferInEveryComponent() {
        assertThat(RecordFields.changed(new Tier("t", 1d), new Flip(true, false))).containsExactly("name", "order",
                "defaultAction");
    }
}
