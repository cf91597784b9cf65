package dev.policymatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedStringsTest {

    @Test
    void equalStringsComeBackAsOneInstance() {
        String first = new String("security.policy-00297");
        String second = new String("security.policy-00297");
        assertThat(second).isNotSameAs(first);
        assertThat(SharedStrings.of(second)).isSameAs(SharedStrings.of(first));
    }

    @Test
    void nullAndLongStringsPassThroughUnkept() {
        assertThat(SharedStrings.of((String) null)).isNull();
        String longSelector = "a == 'x' && ".repeat(30) + "b == 'y'";
        String copy = new String(longSelector);
        assertThat(SharedStrings.of(copy)).isSameAs(copy);
        assertThat(SharedStrings.of(new String(longSelector))).isNotSameAs(copy).isEqualTo(longSelector);
    }

    @Test
    void listsAndMapsKeepTheirOrderAndValues() {
        assertThat(SharedStrings.of(List.of("Ingress", "Egress"))).containsExactly("Ingress", "Egress");
        assertThat(SharedStrings.of(Map.of("app", "web"))).containsExactly(Map.entry("app", "web"));
        assertThat(SharedStrings.of((List<String>) null)).isEmpty();
        assertThat(SharedStrings.of((Map<String, String>) null)).isEmpty();
    }

    @Test
    void reportsReadFromJsonShareTheirRepeatedStrings() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String text = "{\"direction\":\"inbound\",\"side\":\"source\",\"selector\":\"role == 'monitor'\","
                + "\"kind\":\"GlobalNetworkPolicy\",\"rules\":[{\"policy\":\"tenant.policy-00301\",\"rule\":1}]}";
        ReportedRuleMatch a = json.readValue(text, ReportedRuleMatch.class);
        ReportedRuleMatch b = json.readValue(text, ReportedRuleMatch.class);
        assertThat(b).isEqualTo(a);
        assertThat(b.getRules().get(0).getPolicy()).isSameAs(a.getRules().get(0).getPolicy());
        assertThat(b.getSelector()).isSameAs(a.getSelector());
        assertThat(b.getKind()).isSameAs(a.getKind());
    }
}
