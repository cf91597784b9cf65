package dev.policymatch.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.devcluster.auth.RequestAttributes;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** deploy/ grants what the operator needs and nothing more, and runs it locked down. */
class DeployManifestsTest {

    /**
     * A grant that no request uses and that must stay: JOSDK's leader election checks at start-up, with
     * a SelfSubjectRulesReview, that {@code update} on the Lease is granted and refuses to start
     * otherwise, though Fabric8 renews with a patch
     * ({@code LeaderElectionIT.josdkRefusesToStartWithoutUpdateOnLeasesThoughItNeverSendsOne}).
     */
    static final Grant JOSDK_START_UP_CHECK = new Grant("Role/policymatch-leader-election", "policymatch-system",
            "update", "coordination.k8s.io", "leases", "policymatch-operator");

    /**
     * The one request allowed by none of deploy/'s roles: every authenticated user may ask a
     * SelfSubjectRulesReview (Kubernetes' default ClusterRole {@code system:basic-user}).
     */
    static final RequestAttributes RULES_REVIEW = RequestAttributes.resource("create", "authorization.k8s.io",
            "selfsubjectrulesreviews", "", "", "");

    /**
     * Which group Calico's kinds are in ({@code source.CalicoApiGroups}): discovery, which the default
     * {@code system:discovery} role gives every authenticated user.
     */
    static final RequestAttributes DISCOVERY = RequestAttributes.nonResource("get", "/apis");

    private final List<JsonNode> documents = DeployManifests.load();

    /**
     * The operator runs under deploy/'s RBAC through everything it does ({@link OperatorRequests}): it
     * is refused nothing, everything it sends is granted by deploy/ (or by the defaults every
     * authenticated user has), and every verb deploy/ grants is sent. An unused grant fails the test
     * as a missing one does ({@code patch} on reports and events was once granted and never sent).
     */
    @Test
    void deployGrantsExactlyWhatTheOperatorSends() {
        // Once per group Calico's kinds may be in: deploy/ grants what either needs.
        OperatorRequests.Recorded recorded = OperatorRequests.record(CalicoApiGroup.CRD_V1)
                .and(OperatorRequests.record(CalicoApiGroup.PROJECTCALICO_V3));
        List<Grant> grants = Grant.all(documents);

        assertThat(OperatorRequests.lines(recorded.refused())).as("requests deploy/'s RBAC refused").isEmpty();
        assertThat(recorded.allowed().stream().filter(r -> grants.stream().noneMatch(g -> g.covers(r))))
                .as("requests allowed by no role of deploy/").containsExactlyInAnyOrder(RULES_REVIEW, DISCOVERY);
        assertThat(grants.stream().filter(g -> recorded.allowed().stream().noneMatch(g::covers)))
                .as("grants of deploy/ that no request uses").containsExactly(JOSDK_START_UP_CHECK);
    }

    @Test
    void noRoleTouchesSecretsOrUsesWildcards() {
        for (String kind : List.of("ClusterRole", "Role")) {
            for (JsonNode role : DeployManifests.ofKind(documents, kind)) {
                for (JsonNode rule : role.path("rules")) {
                    assertThat(texts(rule.path("resources"))).as(kind + " resources")
                            .doesNotContain("secrets", "*").noneMatch(r -> r.startsWith("secrets/"));
                    assertThat(texts(rule.path("verbs"))).as(kind + " verbs").doesNotContain("*", "escalate", "bind",
                            "impersonate");
                    assertThat(texts(rule.path("apiGroups"))).as(kind + " apiGroups").doesNotContain("*");
                    assertThat(rule.has("nonResourceURLs")).as(kind + " nonResourceURLs").isFalse();
                }
            }
        }
    }

    @Test
    void leasesAreGrantedInTheOperatorsNamespaceOnly() {
        List<JsonNode> roles = DeployManifests.ofKind(documents, "Role");
        assertThat(roles).hasSize(1);
        JsonNode role = roles.get(0);
        assertThat(role.path("metadata").path("namespace").asText()).isEqualTo("policymatch-system");
        assertThat(Grant.all(List.of(role))).allMatch(g -> g.resource().equals("leases"));
        assertThat(DeployManifests.ofKind(documents, "ClusterRole").get(0).path("rules").findValuesAsText("resources"))
                .doesNotContain("leases");
        JsonNode binding = DeployManifests.ofKind(documents, "RoleBinding").get(0);
        assertThat(binding.path("roleRef").path("name").asText()).isEqualTo(role.path("metadata").path("name").asText());
        assertThat(binding.path("subjects").get(0).path("name").asText()).isEqualTo("policymatch-operator");
    }

    @Test
    void bindingsNameTheOperatorsServiceAccount() {
        JsonNode account = DeployManifests.ofKind(documents, "ServiceAccount").get(0);
        JsonNode binding = DeployManifests.ofKind(documents, "ClusterRoleBinding").get(0);
        assertThat(binding.path("subjects").get(0).path("name").asText())
                .isEqualTo(account.path("metadata").path("name").asText());
        assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo("policymatch-system");
        JsonNode deployment = DeployManifests.ofKind(documents, "Deployment").get(0);
        assertThat(deployment.at("/spec/template/spec/serviceAccountName").asText())
                .isEqualTo(account.path("metadata").path("name").asText());
    }

    @Test
    void deploymentRunsLockedDownWithProbesAndLeaderElection() {
        JsonNode pod = DeployManifests.ofKind(documents, "Deployment").get(0).at("/spec/template/spec");
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("image").asText()).isEqualTo("policymatch:latest");
        assertThat(texts(container.path("args"))).containsExactly("operator", "--leader-election");
        JsonNode security = container.path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(texts(security.at("/capabilities/drop"))).containsExactly("ALL");
        assertThat(security.at("/capabilities/add").isMissingNode()).isTrue();
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(container.at("/resources/requests/memory").isTextual()).isTrue();
        assertThat(container.at("/resources/limits/memory").isTextual()).isTrue();
        JsonNode env = container.path("env");
        assertThat(StreamSupport.stream(env.spliterator(), false)
                .filter(e -> e.path("name").asText().equals("POD_NAMESPACE"))
                .map(e -> e.at("/valueFrom/fieldRef/fieldPath").asText()))
                .containsExactly("metadata.namespace");
    }

    @Test
    void metricsAreScrapedFromTheProbePort() {
        JsonNode service = DeployManifests.ofKind(documents, "Service").get(0);
        JsonNode monitor = DeployManifests.ofKind(documents, "ServiceMonitor").get(0);
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
        assertThat(monitor.at("/spec/endpoints/0/port").asText()).isEqualTo(service.at("/spec/ports/0/name").asText());
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
        assertThat(service.path("metadata").path("labels"))
                .isEqualTo(monitor.at("/spec/selector/matchLabels"));
    }

    /**
     * Issue 14, item 3: the probe and metrics port is open to Prometheus only. One peer with both
     * selectors (in one peer they AND; as two peers they would OR and admit every pod of "monitoring"
     * and every pod labelled prometheus anywhere), on the container's port only.
     */
    @Test
    void onlyPrometheusMayReachTheOperatorsPort() {
        List<JsonNode> policies = DeployManifests.ofKind(documents, "NetworkPolicy");
        assertThat(policies).hasSize(1);
        JsonNode spec = policies.get(0).path("spec");
        JsonNode pod = DeployManifests.ofKind(documents, "Deployment").get(0).at("/spec/template");
        assertThat(labels(pod.at("/metadata/labels"))).as("selects the operator's pod")
                .containsAllEntriesOf(labels(spec.at("/podSelector/matchLabels")));
        assertThat(spec.at("/podSelector/matchLabels").size()).isPositive();
        assertThat(texts(spec.path("policyTypes"))).containsExactly("Ingress");
        assertThat(spec.path("ingress")).hasSize(1);
        JsonNode rule = spec.path("ingress").get(0);
        assertThat(rule.path("from")).as("one peer").hasSize(1);
        JsonNode peer = rule.path("from").get(0);
        assertThat(labels(peer.at("/namespaceSelector/matchLabels")))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
        assertThat(labels(peer.at("/podSelector/matchLabels"))).isEqualTo(Map.of("app.kubernetes.io/name", "prometheus"));
        assertThat(peer.has("ipBlock")).isFalse();
        assertThat(rule.path("ports")).hasSize(1);
        assertThat(rule.at("/ports/0/protocol").asText()).isEqualTo("TCP");
        assertThat(rule.at("/ports/0/port").asInt()).isEqualTo(pod.at("/spec/containers/0/ports/0/containerPort").asInt());
    }

    /**
     * What the JVM may use besides heap, metaspace, code cache and direct buffers: G1's structures,
     * thread stacks, arenas, symbols, the class-data archive, malloc and the JVM's libraries. At 10,000
     * endpoints that was 133 MiB of resident memory (docs/benchmarks.md); a quarter more.
     */
    static final long OTHER_NATIVE_MIB = 165;

    /**
     * Issue 14: the operator cannot be OOM-killed. Every part of the JVM's memory that a flag can bound
     * is bounded, and the bounds plus the measured rest fit the container's limit.
     */
    @Test
    void theJvmsMemoryIsBoundedWithinTheContainersLimit() {
        JsonNode container = DeployManifests.ofKind(documents, "Deployment").get(0).at("/spec/template/spec/containers/0");
        List<String> flags = List.of(environment(container).get("JAVA_TOOL_OPTIONS").trim().split("\\s+"));
        assertThat(flags).contains("-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError")
                .noneMatch(flag -> flag.contains("RAMPercentage"));
        long bounded = mebibytes(flag(flags, "-Xmx")) + mebibytes(flag(flags, "-XX:MaxMetaspaceSize="))
                + mebibytes(flag(flags, "-XX:ReservedCodeCacheSize=")) + mebibytes(flag(flags, "-XX:MaxDirectMemorySize="));
        long limit = mebibytes(container.at("/resources/limits/memory").asText());
        assertThat(bounded + OTHER_NATIVE_MIB).as("bounded %d MiB + other %d MiB within %d MiB", bounded,
                OTHER_NATIVE_MIB, limit).isLessThanOrEqualTo(limit);
        assertThat(container.at("/resources/requests/memory").asText()).isEqualTo(container.at("/resources/limits/memory").asText());
        assertThat(environment(container)).containsEntry("MALLOC_ARENA_MAX", "2");
    }

    static Map<String, String> environment(JsonNode container) {
        Map<String, String> environment = new TreeMap<>();
        container.path("env").forEach(e -> environment.put(e.path("name").asText(), e.path("value").asText(null)));
        return environment;
    }

    private static String flag(List<String> flags, String prefix) {
        return flags.stream().filter(f -> f.startsWith(prefix)).map(f -> f.substring(prefix.length())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + flags));
    }

    /** {@code 640m}, {@code 1g} (JVM) or {@code 1Gi}, {@code 768Mi} (Kubernetes) in MiB. */
    static long mebibytes(String size) {
        String number = size.replaceAll("[^0-9]", "");
        String unit = size.substring(number.length()).toLowerCase(Locale.ROOT);
        return switch (unit) {
            case "m", "mi" -> Long.parseLong(number);
            case "g", "gi" -> Long.parseLong(number) * 1024;
            default -> throw new AssertionError("unexpected size " + size);
        };
    }

    @Test
    void kubectlKustomizeRendersTheSameObjects() throws Exception {
        assumeTrue(onPath("kubectl"), "kubectl is not on the PATH");
        Process process = new ProcessBuilder("kubectl", "kustomize", DeployManifests.DEPLOY.toString())
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        Path rendered = Files.createTempFile("deploy", ".yaml");
        Files.writeString(rendered, out);
        List<String> renderedObjects = DeployManifests.readAll(rendered).stream().map(DeployManifestsTest::id).sorted().toList();
        assertThat(renderedObjects).isEqualTo(documents.stream().map(DeployManifestsTest::id).sorted().toList());
        Files.delete(rendered);
    }

    private static String id(JsonNode d) {
        return d.path("kind").asText() + "/" + d.path("metadata").path("namespace").asText("") + "/"
                + d.path("metadata").path("name").asText();
    }

    private static Map<String, String> labels(JsonNode map) {
        Map<String, String> labels = new TreeMap<>();
        map.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }
}
