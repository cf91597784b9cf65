package dev.policymatch.operator.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.match.CompiledPolicy;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.Policy;
import dev.policymatch.model.PolicyKind;
import dev.policymatch.model.StagedAction;
import dev.policymatch.operator.events.WarningEvents;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operator's inputs watch the staged kinds and the network-policy-api kinds, served as a cluster serves them. */
class NewPolicyKindInputsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private EmbeddedApiServer server;
    private CalicoInputs inputs;

    @AfterEach
    void close() {
        if (inputs != null) {
            inputs.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void start(Path... crds) {
        server = EmbeddedApiServer.start(0);
        server.installCrds(crds);
        inputs = new CalicoInputs(server.client(), CalicoApiGroup.CRD_V1, new MatchIndex(), new WarningEvents(server.client(), Clock.systemUTC()),
                new DomainMetrics(new SimpleMeterRegistry()), dev.policymatch.operator.inputs.ListPageSize.DEFAULT);
    }

    private GenericKubernetesResource apply(ResourceKind kind, String yaml) {
        GenericKubernetesResource resource = server.client().getKubernetesSerialization().unmarshal(yaml,
                GenericKubernetesResource.class);
        var operation = server.client().genericKubernetesResources(kind.context());
        return (kind.namespaced() ? operation.inNamespace(resource.getMetadata().getNamespace()) : operation)
                .resource(resource).createOr(io.fabric8.kubernetes.client.dsl.NonDeletingOperation::update);
    }

    private Optional<Policy> policy(PolicyKind kind, String name) {
        return inputs.index().policies().stream().map(CompiledPolicy::policy)
                .filter(p -> p.kind() == kind && p.name().equals(name)).findFirst();
    }

    @Test
    void stagedPoliciesAreWatchedAndAStagedDeletionLeavesTheMatch() {
        start(Path.of("crds/calico"));
        inputs.start();
        apply(ResourceKind.STAGED_GLOBAL_NETWORK_POLICY, """
                apiVersion: crd.projectcalico.org/v1
                kind: StagedGlobalNetworkPolicy
                metadata: {name: lockdown}
                spec: {order: 100, selector: app == 'db', ingress: [{action: Deny}]}
                """);
        apply(ResourceKind.STAGED_KUBERNETES_NETWORK_POLICY, """
                apiVersion: crd.projectcalico.org/v1
                kind: StagedKubernetesNetworkPolicy
                metadata: {name: web, namespace: shop}
                spec: {stagedAction: Learn, podSelector: {matchLabels: {app: web}}, policyTypes: [Ingress]}
                """);
        await().atMost(WAIT).until(() -> policy(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY, "lockdown").isPresent()
                && policy(PolicyKind.STAGED_KUBERNETES_NETWORK_POLICY, "web").isPresent());
        assertThat(policy(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY, "lockdown").orElseThrow().stagedAction())
                .isEqualTo(StagedAction.SET);
        assertThat(policy(PolicyKind.STAGED_KUBERNETES_NETWORK_POLICY, "web").orElseThrow().namespace())
                .isEqualTo("shop");

        // Changed to a staged deletion, it no longer gives a policy: the one indexed before goes.
        apply(ResourceKind.STAGED_GLOBAL_NETWORK_POLICY, """
                apiVersion: crd.projectcalico.org/v1
                kind: StagedGlobalNetworkPolicy
                metadata: {name: lockdown}
                spec: {stagedAction: Delete}
                """);
        await().atMost(WAIT).until(() -> policy(PolicyKind.STAGED_GLOBAL_NETWORK_POLICY, "lockdown").isEmpty());
        assertThat(inputs.invalidPolicyCount()).isZero();
    }

    /**
     * While Calico 3.32 migrates a stored {@code default.allow-db} to {@code allow-db}, both CRs exist and decode to
     * one policy; deleting either leaves the other's policy in the match.
     */
    @Test
    void twoStoredPoliciesOfOneNameKeepThePolicyUntilBothAreGone() {
        start(Path.of("crds/calico"));
        inputs.start();
        apply(ResourceKind.GLOBAL_NETWORK_POLICY, """
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata: {name: default.allow-db}
                spec: {order: 100, selector: role == 'db'}
                """);
        apply(ResourceKind.GLOBAL_NETWORK_POLICY, """
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata:
                  name: allow-db
                  annotations: {projectcalico.org/metadata: '{"name":"allow-db"}'}
                spec: {order: 200, selector: role == 'db'}
                """);
        await().atMost(WAIT).until(() -> policy(PolicyKind.GLOBAL_NETWORK_POLICY, "allow-db")
                .filter(p -> p.order() == 200.0).isPresent());

        delete(ResourceKind.GLOBAL_NETWORK_POLICY, "allow-db");
        await().atMost(WAIT).until(() -> policy(PolicyKind.GLOBAL_NETWORK_POLICY, "allow-db")
                .filter(p -> p.order() == 100.0).isPresent());

        delete(ResourceKind.GLOBAL_NETWORK_POLICY, "default.allow-db");
        await().atMost(WAIT).until(() -> policy(PolicyKind.GLOBAL_NETWORK_POLICY, "allow-db").isEmpty());
    }

    private void delete(ResourceKind kind, String name) {
        server.client().genericKubernetesResources(kind.context()).withName(name).delete();
    }

    @Test
    void clusterNetworkPoliciesAreWatchedAndARuleCalicoCannotConvertGivesAWarningEvent() {
        start(Path.of("crds/calico"), Path.of("crds/network-policy-api"));
        inputs.start();
        apply(ResourceKind.CLUSTER_NETWORK_POLICY, """
                apiVersion: policy.networking.k8s.io/v1alpha2
                kind: ClusterNetworkPolicy
                metadata: {name: deny-from-sandbox}
                spec:
                  tier: Admin
                  priority: 10
                  subject: {namespaces: {matchLabels: {env: prod}}}
                  ingress:
                  - {name: no-sandbox, action: Deny, from: [{namespaces: {matchLabels: {env: sandbox}}}]}
                  egress:
                  - {action: Deny, to: [{networks: ["1.1.1.1/66"]}]}
                """);
        await().atMost(WAIT).until(() -> policy(PolicyKind.KUBERNETES_CLUSTER_NETWORK_POLICY, "deny-from-sandbox")
                .isPresent());
        Policy policy = policy(PolicyKind.KUBERNETES_CLUSTER_NETWORK_POLICY, "deny-from-sandbox").orElseThrow();
        assertThat(policy.tier()).isEqualTo("kube-admin");
        assertThat(policy.egress()).singleElement().satisfies(rule -> assertThat(rule.action()).isEqualTo("Deny"));
        await().atMost(WAIT).until(() -> warningEvents().stream().anyMatch(event ->
                event.getMessage().contains("spec.egress[0].to[0].networks[0]")
                        && event.getInvolvedObject().getName().equals("deny-from-sandbox")));
    }

    @Test
    void kindsWhoseCrdIsAbsentCountAsNone() {
        start(Path.of("crds/calico/crd.projectcalico.org_globalnetworkpolicies.yaml"));
        inputs.start();
        assertThat(inputs.isWatching()).isTrue();
        apply(ResourceKind.GLOBAL_NETWORK_POLICY, """
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata: {name: allow}
                spec: {selector: all()}
                """);
        await().atMost(WAIT).until(() -> policy(PolicyKind.GLOBAL_NETWORK_POLICY, "allow").isPresent());
    }

    private List<Event> warningEvents() {
        return server.client().v1().events().inAnyNamespace().list().getItems();
    }
}
