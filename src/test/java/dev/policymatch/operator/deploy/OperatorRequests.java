package dev.policymatch.operator.deploy;

import static dev.policymatch.operator.OperatorHarness.globalPolicy;
import static dev.policymatch.operator.OperatorHarness.hostEndpoint;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.devcluster.ApiRequest.Verb;
import dev.policymatch.devcluster.Fault;
import dev.policymatch.devcluster.auth.AuthorizationLog;
import dev.policymatch.devcluster.auth.RequestAttributes;
import dev.policymatch.operator.OperatorHarness;
import dev.policymatch.operator.PolicyMatchOperator.LeaseTimings;
import dev.policymatch.operator.PolicyMatchOperator.Settings;
import dev.policymatch.operator.ShippedRbac;
import dev.policymatch.operator.report.ReportNames;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the operator, as deploy/'s service account under deploy/'s RBAC, through everything it does
 * on a cluster, and returns the requests it sent as authorization saw them: leader election (create,
 * renewals), the informers, reports of host endpoints and pods created, updated (object and status),
 * re-read after a conflict and deleted, a stale report swept, a warning event.
 */
final class OperatorRequests {

    /** The requests the operator's service account sent, allowed and refused. */
    record Recorded(Set<RequestAttributes> allowed, Set<RequestAttributes> refused) {
        Recorded and(Recorded other) {
            return new Recorded(union(allowed, other.allowed), union(refused, other.refused));
        }

        private static Set<RequestAttributes> union(Set<RequestAttributes> a, Set<RequestAttributes> b) {
            Set<RequestAttributes> all = new java.util.HashSet<>(a);
            all.addAll(b);
            return all;
        }
    }

    private static final LeaseTimings FAST = new LeaseTimings(Duration.ofSeconds(3), Duration.ofSeconds(2),
            Duration.ofMillis(500));

    private OperatorRequests() {
    }

    /** On a cluster that serves Calico's kinds in {@code group} only (the operator detects it). */
    static Recorded record(CalicoApiGroup group) {
        AuthorizationLog log;
        try (OperatorHarness harness = OperatorHarness.perTest().inGroup(group)) {
            harness.expectRefusals();
            log = harness.server().authorizations();
            loadInputs(harness);
            // One status write refused with 409: the writer reads the report again (a get).
            harness.faults().failNext(1, r -> r.resource().equals("policymatchreports")
                    && r.subresource().equals("status") && r.verb() == Verb.UPDATE, Fault.conflict());
            harness.start(Settings.of(OperatorHarness.NAMESPACE).withLeaderElection("pod-a", false)
                    .withLeaseTimings(FAST));
            awaitReports(harness);
            // A node change updates the report object (its spec), then its status; a delete removes it.
            harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("web", "node2", Map.of("role", "web")));
            await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.web") != null
                    && "node2".equals(harness.report("hep.web").getSpec().getEndpoint().getNode()));
            harness.delete(ResourceKind.HOST_ENDPOINT, null, "web");
            await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.web") == null);
            awaitRenewals(harness);
            harness.stop();
        }
        return new Recorded(log.allowed(ShippedRbac.OPERATOR), log.denied(ShippedRbac.OPERATOR));
    }

    private static void loadInputs(OperatorHarness harness) {
        harness.apply(ResourceKind.GLOBAL_NETWORK_POLICY, globalPolicy("web", 100, "role == 'web'"));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("web", "node1", Map.of("role", "web")));
        harness.apply(ResourceKind.HOST_ENDPOINT, hostEndpoint("broken", "node1", Map.of("zone", "zürich")));
        harness.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("shop")
                .endMetadata().build()).create();
        harness.client().pods().resource(new PodBuilder().withNewMetadata().withNamespace("shop").withName("api-1")
                .addToLabels("role", "web").endMetadata()
                .withNewSpec().withNodeName("node1").addNewContainer().withName("c").withImage("busybox").endContainer()
                .endSpec().withNewStatus().withPhase("Running").withPodIP("10.244.0.7").endStatus().build()).create();
        PolicyMatchReport stale = new PolicyMatchReport();
        stale.getMetadata().setName("hep.gone");
        stale.getMetadata().setNamespace(OperatorHarness.NAMESPACE);
        stale.getMetadata().setLabels(ReportNames.hostLabels());
        harness.client().resources(PolicyMatchReport.class).resource(stale).create();
    }

    private static void awaitReports(OperatorHarness harness) {
        await().atMost(OperatorHarness.WAIT).until(() -> harness.report("hep.web") != null
                && harness.report("hep.web").getStatus() != null
                && harness.report("hep.broken") != null && harness.report("hep.broken").getStatus() != null
                && harness.report("hep.gone") == null
                && harness.client().resources(PolicyMatchReport.class).inNamespace("shop").withName("pod.api-1")
                        .get() != null
                && !harness.client().v1().events().inNamespace("default").list().getItems().isEmpty());
    }

    /** Waits until the leader has renewed the Lease twice. */
    private static void awaitRenewals(OperatorHarness harness) {
        var lease = harness.client().leases().inNamespace(OperatorHarness.NAMESPACE).withName("policymatch-operator");
        String first = lease.get().getSpec().getRenewTime().toString();
        await().atMost(OperatorHarness.WAIT).until(() -> !lease.get().getSpec().getRenewTime().toString().equals(first));
        String second = lease.get().getSpec().getRenewTime().toString();
        await().atMost(OperatorHarness.WAIT).until(() -> !lease.get().getSpec().getRenewTime().toString().equals(second));
    }

    /** For printing: one line per request. */
    static List<String> lines(Set<RequestAttributes> requests) {
        return requests.stream().map(RequestAttributes::toString).sorted().toList();
    }

}
