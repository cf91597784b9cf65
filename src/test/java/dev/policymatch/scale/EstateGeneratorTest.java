package dev.policymatch.scale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.scale.EstateGenerator.Estate;
import dev.policymatch.scale.EstateGenerator.Size;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.document.CalicoResource;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.validation.ResourceValidator;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EstateGeneratorTest {

    private static final Estate ESTATE = EstateGenerator.generate(new Size(2_000, 200), 42);

    @Test
    void generatesTheRequestedCounts() {
        assertThat(ESTATE.hostEndpoints()).hasSize(2_000);
        assertThat(ESTATE.globalNetworkPolicies().size() + ESTATE.networkPolicies().size()).isEqualTo(200);
        assertThat(ESTATE.networkPolicies()).isNotEmpty();
        assertThat(ESTATE.tiers()).extracting(t -> t.getMetadata().getName())
                .containsExactly("security", "platform", "tenant");
        assertThat(ESTATE.profiles()).hasSize(13);
        assertThat(ESTATE.size()).isEqualTo(3 + 13 + 2_000 + 200);
        assertThat(ESTATE.all()).extracting(r -> r.getKind() + "/" + r.getMetadata().getNamespace() + "/"
                + r.getMetadata().getName()).doesNotHaveDuplicates();
    }

    @Test
    void theSameSeedGivesTheSameEstateAndAnotherSeedAnotherOne() {
        Function<Estate, String> yaml = e -> Serialization.asJson(e.all());
        assertThat(yaml.apply(EstateGenerator.generate(new Size(2_000, 200), 42))).isEqualTo(yaml.apply(ESTATE));
        assertThat(yaml.apply(EstateGenerator.generate(new Size(2_000, 200), 43))).isNotEqualTo(yaml.apply(ESTATE));
    }

    @Test
    void everyResourceConvertsAndPassesCalicoValidation() throws Exception {
        ResourceConverter converter = new ResourceConverter();
        ResourceValidator validator = new ResourceValidator();
        for (GenericKubernetesResource object : ESTATE.all()) {
            JsonNode document = Serialization.jsonMapper().valueToTree(object);
            CalicoResource resource = converted(converter.convert(document), document);
            assertThat(validator.validate(resource.model())).as(resource.describe()).isEmpty();
        }
    }

    @Test
    void labelsHaveRealisticCardinalities() throws Exception {
        List<HostEndpoint> endpoints = convert(ESTATE.hostEndpoints(), HostEndpoint.class);
        assertThat(distinct(endpoints, "zone")).hasSize(6);
        assertThat(distinct(endpoints, "env")).containsExactlyInAnyOrder("prod", "staging", "dev");
        assertThat(distinct(endpoints, "role")).hasSize(10);
        assertThat(distinct(endpoints, "app").size()).isBetween(60, 80);     // 2,000 / 25 = 80 apps
        assertThat(distinct(endpoints, "rack").size()).isBetween(30, 42);    // ~40 nodes per rack
        Map<String, Long> envs = endpoints.stream()
                .collect(Collectors.groupingBy(e -> e.labels().get("env"), Collectors.counting()));
        assertThat(envs.get("prod")).isGreaterThan(envs.get("staging")).isGreaterThan(0);
        assertThat(endpoints).extracting(HostEndpoint::interfaceName).contains("eth0", "bond0", "*");
        assertThat(endpoints).anySatisfy(e -> assertThat(e.expectedIPs()).anyMatch(ip -> ip.contains(":")));

        List<Policy> policies = convert(ESTATE.globalNetworkPolicies(), Policy.class);
        assertThat(policies).extracting(Policy::tier).contains("default", "security", "platform", "tenant");
        assertThat(policies).allSatisfy(p -> assertThat(p.ingress().size() + p.egress().size()).isEqualTo(2));
    }

    private static <T> List<T> convert(List<GenericKubernetesResource> objects, Class<T> type) throws Exception {
        ResourceConverter converter = new ResourceConverter();
        List<T> models = new java.util.ArrayList<>();
        for (GenericKubernetesResource object : objects) {
            JsonNode document = Serialization.jsonMapper().valueToTree(object);
            models.add(type.cast(converted(converter.convert(document), document).model()));
        }
        return models;
    }

    private static CalicoResource converted(Conversion conversion, JsonNode document) {
        if (conversion instanceof Conversion.Converted converted) {
            return converted.resource();
        }
        throw new AssertionError("not read as a Calico resource: " + document);
    }

    private static Set<String> distinct(List<HostEndpoint> endpoints, String label) {
        return endpoints.stream().map(e -> e.labels().get(label)).collect(Collectors.toCollection(HashSet::new));
    }
}
