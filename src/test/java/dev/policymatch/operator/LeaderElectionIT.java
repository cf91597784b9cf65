package dev.policymatch.operator;

import static dev.policymatch.operator.OperatorHarness.hostEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.operator.calico.CalicoKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With --leader-election the operator holds the Lease and then reconciles as usual. */
class LeaderElectionIT {

    @Test
    void holdsTheLeaseWritesReportsAndSweepsOnceLeader() {
        try (OperatorHarness harness = new OperatorHarness()) {
            harness.apply(CalicoKind.HOST_ENDPOINT, hostEndpoint("gone", "node1", Map.of()));
            harness.start();
            harness.awaitPolicies("hep.gone", List.of());
            harness.stop();
            harness.delete(CalicoKind.HOST_ENDPOINT, null, "gone");
            harness.apply(CalicoKind.HOST_ENDPOINT, hostEndpoint("node1-eth0", "node1", Map.of()));
            harness.start(PolicyMatchOperator.Settings.of(OperatorHarness.NAMESPACE)
                    .withLeaderElection("pod-a", false));
            harness.awaitPolicies("hep.node1-eth0", List.of());
            assertThat(harness.client().leases().inNamespace(OperatorHarness.NAMESPACE)
                    .withName(OperatorConfiguration.LEASE_NAME).get().getSpec().getHolderIdentity())
                    .isEqualTo("pod-a");
            // The stale-report sweep runs once leadership is won (the leader callback), not before.
            await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.gone") == null);
        }
    }
}
