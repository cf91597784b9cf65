package dev.policymatch.source.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Rule;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import java.util.Arrays;
import java.util.List;

/** Objects written as Calico's conversion tests write them, converted, and the rules they are expected to give. */
final class ClusterPolicyFixtures {
    static final String O = "projectcalico.org/orchestrator == 'k8s'";
    static final Rule DENY_ALL = new Rule("Deny", null, EntityMatch.ANY, EntityMatch.ANY);
    private static final YAMLMapper YAML = new YAMLMapper();

    private ClusterPolicyFixtures() {
    }

    /** A converted policy and the warnings its conversion gave. */
    record Result(Policy policy, List<String> warnings) {
        Result withoutWarnings() {
            assertThat(warnings).isEmpty();
            return this;
        }
    }

    static JsonNode document(ResourceKind kind, String name, String spec) {
        try {
            return YAML.readTree("apiVersion: " + kind.apiVersion() + "\nkind: " + kind.kindName()
                    + "\nmetadata: {name: " + name + "}\nspec:\n" + spec.stripIndent().indent(2));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Result convert(ResourceKind kind, String name, String spec) throws ResourceFormatException {
        Conversion conversion = new KubernetesResourceConverter().convert(kind, document(kind, name, spec));
        assertThat(conversion).isInstanceOf(Conversion.Converted.class);
        Conversion.Converted converted = (Conversion.Converted) conversion;
        return new Result((Policy) converted.resource().model(), converted.warnings());
    }

    /** An ingress rule: the peer in the source, the ports in the destination. */
    static Rule in(String action, String protocol, String selector, String namespaceSelector, String... ports) {
        return new Rule(action, protocol, new EntityMatch(selector, null, namespaceSelector, null, null, null, null,
                null), new EntityMatch(null, null, null, null, null, null, Arrays.asList(ports), null));
    }

    /** An egress rule: peer and ports in the destination. */
    static Rule out(String action, String protocol, String selector, String namespaceSelector, List<String> nets,
            String... ports) {
        return new Rule(action, protocol, EntityMatch.ANY, new EntityMatch(selector, null, namespaceSelector, null,
                nets, null, Arrays.asList(ports), null));
    }
}
