package dev.policymatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LabelMapTest {

    @Test
    void behavesAsATreeMapOfTheSameLabels() {
        Random random = new Random(11);
        for (int round = 0; round < 300; round++) {
            int size = round < 250 ? random.nextInt(20) : 120 + random.nextInt(60); // beyond 127: searched, not hashed
            Map<String, String> written = new HashMap<>();
            for (int i = 0; i < size; i++) {
                written.put("key-" + random.nextInt(400), "value-" + random.nextInt(5));
            }
            TreeMap<String, String> expected = new TreeMap<>(written);
            LabelMap labels = LabelMap.copyOf(written);

            assertThat(labels).isEqualTo(expected);
            assertThat(expected).isEqualTo(labels);
            assertThat(labels.hashCode()).isEqualTo(expected.hashCode());
            assertThat(labels.toString()).isEqualTo(expected.toString());
            assertThat(List.copyOf(labels.keySet())).containsExactlyElementsOf(expected.keySet());
            assertThat(List.copyOf(labels.values())).containsExactlyElementsOf(expected.values());
            for (int probe = 0; probe < 400; probe++) {
                String key = "key-" + probe;
                assertThat(labels.get(key)).as(key).isEqualTo(expected.get(key));
                assertThat(labels.containsKey(key)).as(key).isEqualTo(expected.containsKey(key));
            }
            String from = "key-" + random.nextInt(400);
            String to = "key-" + random.nextInt(400);
            assertThat(labels.headMap(to)).isEqualTo(expected.headMap(to));
            assertThat(labels.tailMap(from)).isEqualTo(expected.tailMap(from));
            if (from.compareTo(to) <= 0) {
                assertThat(labels.subMap(from, to)).isEqualTo(expected.subMap(from, to));
            }
            if (!expected.isEmpty()) {
                assertThat(labels.firstKey()).isEqualTo(expected.firstKey());
                assertThat(labels.lastKey()).isEqualTo(expected.lastKey());
            }
        }
    }

    @Test
    void findsKeysWhoseHashesCollide() {
        // "Aa" and "BB" share a hash code, as do every string built from them pairwise.
        Map<String, String> written = new LinkedHashMap<>();
        for (String key : List.of("AaAa", "AaBB", "BBAa", "BBBB", "Aa", "BB")) {
            written.put(key, key.toLowerCase());
        }
        LabelMap labels = LabelMap.copyOf(written);

        written.forEach((key, value) -> assertThat(labels.get(key)).isEqualTo(value));
        assertThat(labels.get("AaAb")).isNull();
        assertThat(labels.keySet()).containsExactly("Aa", "AaAa", "AaBB", "BB", "BBAa", "BBBB");
    }

    @Test
    void keepsOneCopyOfEachKeyAndValue() {
        LabelMap first = LabelMap.copyOf(Map.of(new String("app"), new String("web")));
        LabelMap second = LabelMap.copyOf(Map.of(new String("app"), new String("web")));

        assertThat(first.firstKey()).isSameAs(second.firstKey());
        assertThat(first.get("app")).isSameAs(second.get("app"));
    }

    @Test
    void isImmutable() {
        LabelMap labels = LabelMap.copyOf(Map.of("app", "web"));

        assertThatThrownBy(() -> labels.put("env", "prod")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> labels.entrySet().iterator().next().setValue("db"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(LabelMap.copyOf(labels)).isSameAs(labels);
        assertThat(LabelMap.copyOf(Map.of())).isSameAs(LabelMap.EMPTY).isEmpty();
    }

    @Test
    void refusesALabelWithoutAValueNamingIt() {
        Map<String, String> written = new HashMap<>();
        written.put("app", null);

        assertThatThrownBy(() -> LabelMap.copyOf(written)).isInstanceOf(NullPointerException.class)
                .hasMessage("label app has no value");
    }
}
