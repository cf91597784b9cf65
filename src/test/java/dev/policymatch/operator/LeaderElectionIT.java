package dev.policymatch.operator;

import static dev.policymatch.operator.OperatorHarness.hostEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.policymatch.devcluster.auth.RequestAttributes;
import dev.policymatch.operator.PolicyMatchOperator.LeaseTimings;
import dev.policymatch.operator.PolicyMatchOperator.Settings;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * With --leader-election the operator holds the Lease and then reconciles as usual, under deploy/'s
 * RBAC (Fabric8 renews and takes over the Lease with a PATCH, which the shipped Role did
 * not grant; the leader lost the Lease at its first renewal and a second replica could never take it).
 * Short lease timings (3 s lease, renewed every 0.5 s) make several renewals and a takeover fit a test.
 */
class LeaderElectionIT {

    static final LeaseTimings FAST = new LeaseTimings(Duration.ofSeconds(3), Duration.ofSeconds(2),
            Duration.ofMillis(500));
    static final String ROLE = "policymatch-leader-election";

    @Test
    void holdsTheLeaseWritesReportsAndSweepsOnceLeader() {
        try (OperatorHarness harness = OperatorHarness.perTest()) {
            harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("gone", "node1", Map.of()));
            harness.start();
            harness.awaitPolicies("hep.gone", List.of());
            harness.stop();
            harness.delete(ResourceKind.HOST_ENDPOINT, null, "gone");
            harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("node1-eth0", "node1", Map.of()));
            harness.start(leader("pod-a"));
            harness.awaitPolicies("hep.node1-eth0", List.of());
            assertThat(lease(harness).getSpec().getHolderIdentity()).isEqualTo("pod-a");
            // The stale-report sweep runs once leadership is won (the leader callback), not before.
            await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.gone") == null);
        }
    }

    @Test
    void theLeaderKeepsLeadingAcrossRenewalsUnderTheShippedRbac() {
        try (OperatorHarness harness = OperatorHarness.perTest()) {
            harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("a", "node1", Map.of()));
            harness.start(leader("pod-a"));
            harness.awaitPolicies("hep.a", List.of());

            Set<String> renewals = renewalsDuring(harness, Duration.ofSeconds(3).multipliedBy(3), "pod-a");
            assertThat(renewals).as("renewTimes seen over three lease durations").hasSizeGreaterThanOrEqualTo(5);

            harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("b", "node2", Map.of()));
            harness.awaitPolicies("hep.b", List.of());
            assertThat(lease(harness).getSpec().getLeaseTransitions()).isZero();
        }
    }

    @Test
    void aSecondReplicaWaitsWhileTheFirstLeadsAndTakesOverWhenItStops() {
        try (OperatorHarness harness = OperatorHarness.perTest()) {
            harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("a", "node1", Map.of()));
            harness.start(leader("pod-a"));
            harness.awaitPolicies("hep.a", List.of());

            PolicyMatchOperator second = new PolicyMatchOperator(harness.newOperatorClient(),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), leader("pod-b"));
            try {
                second.start();
                harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("b", "node2", Map.of()));
                harness.awaitPolicies("hep.b", List.of());
                renewalsDuring(harness, Duration.ofSeconds(6), "pod-a");
                assertThat(second.metrics().successfulWrites()).as("writes by the replica that does not lead").isZero();

                harness.stop();
                harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("c", "node3", Map.of()));
                await().atMost(OperatorHarness.WAIT)
                        .until(() -> "pod-b".equals(lease(harness).getSpec().getHolderIdentity()));
                harness.awaitPolicies("hep.c", List.of());
                assertThat(second.metrics().successfulWrites()).isPositive();
                assertThat(lease(harness).getSpec().getLeaseTransitions()).isEqualTo(1);
            } finally {
                second.close();
            }
        }
    }

    /**
     * The Role PolicyMatch once shipped (get, create, update on leases): the leader creates the Lease, its
     * renewal PATCH is refused, and it loses the Lease; the Lease stays with the lost leader, since
     * no other replica may patch it either. This is what {@code deploy/} shipped; the tests above
     * fail with it.
     */
    @Test
    void underTheRoleBeforeIssue14TheLeaderCannotRenewAndNoReplicaCanTakeOver() {
        try (OperatorHarness harness = OperatorHarness.perTest()) {
            harness.expectRefusals();
            setLeaseRules(harness, rule(List.of("get", "create", "update"), List.of()));
            harness.start(leader("pod-a"));
            await().atMost(OperatorHarness.WAIT).until(() -> lease(harness) != null);
            String created = lease(harness).getSpec().getRenewTime().toString();
            RequestAttributes renewal = RequestAttributes.resource("patch", "coordination.k8s.io", "leases", "",
                    OperatorHarness.NAMESPACE, OperatorConfiguration.LEASE_NAME);
            await().atMost(OperatorHarness.WAIT).until(() -> harness.refusedRequests().contains(renewal));

            harness.stop();
            PolicyMatchOperator second = new PolicyMatchOperator(harness.newOperatorClient(),
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), leader("pod-b"));
            try {
                second.start();
                renewalsDuring(harness, Duration.ofSeconds(3).multipliedBy(3), "pod-a");
                assertThat(lease(harness).getSpec().getRenewTime().toString()).isEqualTo(created);
                assertThat(second.metrics().successfulWrites()).isZero();
            } finally {
                second.close();
            }
        }
    }

    /**
     * JOSDK checks at start-up, with a SelfSubjectRulesReview, that the Role grants create, update
     * and get on leases (LeaderElectionManager.checkLeaseAccess), though Fabric8 never sends an
     * update: that is why deploy/ grants it.
     */
    @Test
    void josdkRefusesToStartWithoutUpdateOnLeasesThoughItNeverSendsOne() {
        try (OperatorHarness harness = OperatorHarness.perTest()) {
            setLeaseRules(harness, rule(List.of("create"), List.of()),
                    rule(List.of("get", "patch"), List.of(OperatorConfiguration.LEASE_NAME)));
            assertThatThrownBy(() -> harness.start(leader("pod-a"))).rootCause()
                    .hasMessage("No permission to lease resource. in namespace: policymatch-system; "
                            + "missing required verbs: [update]");
        }
    }

    private static Settings leader(String identity) {
        return Settings.of(OperatorHarness.NAMESPACE).withLeaderElection(identity, false).withLeaseTimings(FAST);
    }

    /** The distinct renewTimes of the Lease seen while polling it for {@code window}, all held by {@code holder}. */
    private static Set<String> renewalsDuring(OperatorHarness harness, Duration window, String holder) {
        Set<String> renewTimes = new LinkedHashSet<>();
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            Lease lease = lease(harness);
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(holder);
            renewTimes.add(lease.getSpec().getRenewTime().toString());
            await().pollDelay(Duration.ofMillis(200)).until(() -> true);
        }
        return renewTimes;
    }

    private static Lease lease(OperatorHarness harness) {
        return harness.client().leases().inNamespace(OperatorHarness.NAMESPACE)
                .withName(OperatorConfiguration.LEASE_NAME).get();
    }

    private static PolicyRule rule(List<String> verbs, List<String> names) {
        return new io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder().withApiGroups("coordination.k8s.io")
                .withResources("leases").withVerbs(verbs).withResourceNames(names).build();
    }

    private static void setLeaseRules(OperatorHarness harness, PolicyRule... rules) {
        harness.client().rbac().roles().inNamespace(OperatorHarness.NAMESPACE).withName(ROLE).edit(role -> {
            role.setRules(List.of(rules));
            return role;
        });
    }
}
