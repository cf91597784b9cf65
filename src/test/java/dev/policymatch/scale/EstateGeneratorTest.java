package dev.policymatch.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
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
import java.util.stream.Stream;
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
        for (GenericKubernetesResource object : Stream.concat(ESTATE.all().stream(), MIXED.all().stream()).toList()) {
            JsonNode document = Serialization.jsonMapper().valueToTree(object);
            Conversion conversion = converter.convert(document);
            if (object.getKind().equals("Pod") && conversion instanceof Conversion.Skipped) {
                continue; // the host-networked and pending pods, see below
            }
            CalicoResource resource = converted(conversion, document);
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

    // ---- the mixed estate ----------------------------------------------------------------------

    private static final Size MIXED_SIZE = Size.mixed(2_000);
    private static final Estate MIXED = EstateGenerator.generate(MIXED_SIZE, 42);

    @Test
    void aMixedEstateHasTenPercentHostsAndNinetyPercentPodsInNamespaces() {
        assertThat(MIXED_SIZE).isEqualTo(new Size(200, 1_800, 20, 40));
        assertThat(MIXED.hostEndpoints()).hasSize(200);
        assertThat(MIXED.namespaces()).hasSize(20).extracting(n -> n.getMetadata().getName())
                .contains("kube-system", "monitoring");
        assertThat(MIXED.namespaces()).allSatisfy(n -> assertThat(n.getMetadata().getLabels())
                .containsEntry("kubernetes.io/metadata.name", n.getMetadata().getName()));
        assertThat(MIXED.namespaces().subList(2, 20)).allSatisfy(n -> assertThat(n.getMetadata().getLabels())
                .containsKeys("team", "env", "tenant"));
        // 1 to 3 per application namespace, and the three system ones.
        assertThat(MIXED.serviceAccounts().size()).isBetween(18 + 3, 3 * 18 + 3);
        assertThat(MIXED.policies()).isEqualTo(40);
        assertThat(MIXED.globalNetworkPolicies()).extracting(p -> p.getMetadata().getName())
                .contains("security.allow-cluster-dns", "security.prod-isolation", "platform.allow-monitoring");
        assertThat(MIXED.networkPolicies()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.getApiVersion()).isEqualTo("crd.projectcalico.org/v1"));
        assertThat(MIXED.kubernetesNetworkPolicies()).isNotEmpty()
                .allSatisfy(p -> assertThat(p.getApiVersion()).isEqualTo("networking.k8s.io/v1"));
        assertThat(MIXED.pods()).allSatisfy(p -> assertThat(p.getApiVersion()).isEqualTo("v1"));
        assertThat(MIXED.all()).hasSize(MIXED.size()).extracting(r -> r.getApiVersion() + "/" + r.getKind() + "/"
                + r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()).doesNotHaveDuplicates();
    }

    @Test
    void everyPodBecomesAWorkloadEndpointButTheHostNetworkedAndPendingOnes() throws Exception {
        ResourceConverter converter = new ResourceConverter();
        Set<String> hostNodes = MIXED.hostEndpoints().stream()
                .map(h -> (String) spec(h).get("node")).collect(Collectors.toSet());
        Set<String> accounts = MIXED.serviceAccounts().stream()
                .map(a -> a.getMetadata().getNamespace() + "/" + a.getMetadata().getName()).collect(Collectors.toSet());
        List<WorkloadEndpoint> endpoints = new java.util.ArrayList<>();
        List<GenericKubernetesResource> skipped = new java.util.ArrayList<>();
        for (GenericKubernetesResource pod : MIXED.pods()) {
            Conversion conversion = converter.convert(Serialization.jsonMapper().valueToTree(pod));
            if (conversion instanceof Conversion.Converted converted) {
                endpoints.add((WorkloadEndpoint) converted.resource().model());
            } else {
                skipped.add(pod);
            }
            assertThat(accounts).contains(pod.getMetadata().getNamespace() + "/" + spec(pod).get("serviceAccountName"));
        }
        assertThat(endpoints).hasSize(MIXED_SIZE.pods());
        assertThat(endpoints).allSatisfy(e -> {
            assertThat(hostNodes).contains(e.node());
            assertThat(e.ipNetworks()).isNotEmpty();
        });
        assertThat(endpoints).anySatisfy(e -> assertThat(e.ipNetworks()).anyMatch(ip -> ip.contains(":")));
        assertThat(endpoints).extracting(e -> e.ipNetworks().get(0)).doesNotHaveDuplicates();
        Map<Boolean, List<GenericKubernetesResource>> hostNetworked = skipped.stream()
                .collect(Collectors.partitioningBy(p -> Boolean.TRUE.equals(spec(p).get("hostNetwork"))));
        assertThat(hostNetworked.get(true)).isNotEmpty();
        assertThat(hostNetworked.get(false)).isNotEmpty().allSatisfy(p -> {
            assertThat(spec(p)).doesNotContainKey("nodeName");
            assertThat(p.getAdditionalProperties().get("status")).asString().contains("Pending");
        });
        // A few big namespaces and a long tail, as in a real cluster.
        Map<String, Long> perNamespace = endpoints.stream()
                .collect(Collectors.groupingBy(WorkloadEndpoint::namespace, Collectors.counting()));
        assertThat(perNamespace.values().stream().mapToLong(Long::longValue).max().orElseThrow())
                .isGreaterThan(2 * MIXED_SIZE.pods() / 18);
        assertThat(endpoints).filteredOn(e -> !Set.of("kube-system", "monitoring").contains(e.namespace()))
                .isNotEmpty().allSatisfy(e -> assertThat(e.labels()).containsKeys("app", "tier", "version"));
    }

    /** At the full benchmark's largest size every pod still converts: the 65,536th pod's IPv6 address did not. */
    @Test
    void atTheLargestSizeEveryPodAddressIsAnAddress() throws Exception {
        Size largest = Size.mixed(OperatorScaleDriver.FULL_SIZES.get(OperatorScaleDriver.FULL_SIZES.size() - 1));
        ResourceConverter converter = new ResourceConverter();
        int converted = 0;
        for (GenericKubernetesResource pod : EstateGenerator.generate(largest, 42).pods()) {
            if (converter.convert(Serialization.jsonMapper().valueToTree(pod)) instanceof Conversion.Converted) {
                converted++;
            }
        }
        assertThat(converted).isEqualTo(largest.pods());
    }

    @Test
    void theBroadGlobalPoliciesSelectMostEndpointsAndEveryPolicyAppliesSomewhere() throws Exception {
        ResourceConverter converter = new ResourceConverter();
        MatchIndex.Builder builder = MatchIndex.builder();
        for (GenericKubernetesResource object : MIXED.all()) {
            if (converter.convert(Serialization.jsonMapper().valueToTree(object))
                    instanceof Conversion.Converted converted) {
                CalicoObject model = converted.resource().model();
                if (model instanceof Endpoint endpoint) {
                    builder.endpoint(endpoint);
                } else if (model instanceof Policy policy) {
                    builder.policy(policy);
                } else if (model instanceof Profile profile) {
                    builder.profile(profile);
                } else {
                    builder.tier((Tier) model);
                }
            }
        }
        MatchIndex index = builder.build();
        int endpoints = MIXED_SIZE.endpoints();
        assertThat(index.endpoints()).hasSize(endpoints);
        assertThat(applied(index, "security.allow-cluster-dns")).isEqualTo(endpoints);
        assertThat(applied(index, "platform.allow-monitoring")).isGreaterThan(endpoints * 9 / 10);
        // prod is 60 % of the application namespaces, and the namespaces' sizes are skewed
        assertThat(applied(index, "security.prod-isolation")).isBetween(endpoints / 10, MIXED_SIZE.pods());
        assertThat(index.invalidPolicies()).isEmpty();
        long applying = index.policies().stream()
                .filter(p -> !index.policy(p.key()).orElseThrow().appliesTo().isEmpty()).count();
        assertThat(applying).isGreaterThan(MIXED.policies() / 2);
    }

    @Test
    void theSameSeedGivesTheSameMixedEstate() {
        Function<Estate, String> json = e -> Serialization.asJson(e.all());
        assertThat(json.apply(EstateGenerator.generate(MIXED_SIZE, 42))).isEqualTo(json.apply(MIXED));
        assertThat(json.apply(EstateGenerator.generate(MIXED_SIZE, 43))).isNotEqualTo(json.apply(MIXED));
    }

    @Test
    void aSizeRefusesCountsItCannotGenerate() {
        assertThatThrownBy(() -> Size.mixed(50)).hasMessageContaining("at least 100 endpoints: 50");
        assertThatThrownBy(() -> new Size(10, 5, 1, 0)).hasMessageContaining("5 pods, 1 namespaces");
    }

    private static int applied(MatchIndex index, String policy) {
        List<PolicyKey> keys = index.policiesNamed(policy);
        assertThat(keys).as(policy).hasSize(1);
        return index.policy(keys.get(0)).orElseThrow().appliesTo().size();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource object) {
        return (Map<String, Object>) object.getAdditionalProperties().get("spec");
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
