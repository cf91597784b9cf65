package dev.policymatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.cli.CalicoqClusterIT.Run;
import dev.policymatch.devcluster.EmbeddedApiServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6 through the CLI on a live cluster: Pods, Namespaces, ServiceAccounts and Kubernetes
 * NetworkPolicies read from the API server give what the same objects give from manifests, and a
 * namespace label change changes which policies apply.
 */
class KubernetesClusterIT {
    static final Path MANIFESTS = Path.of("src/test/resources/kubernetes-cluster/web.yaml");

    static EmbeddedApiServer server;
    static Path kubeconfig;

    @BeforeAll
    static void startCluster(@TempDir Path dir) {
        server = EmbeddedApiServer.start(0);
        server.installCrds(Path.of("crds"));
        server.apply("web", MANIFESTS);
        kubeconfig = server.writeKubeconfig(dir.resolve("kubeconfig"), "web");
    }

    @AfterAll
    static void stopCluster() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void podsAndNetworkPoliciesFromTheClusterMatchTheManifests() {
        Run cluster = CalicoqClusterIT.calicoq("--kubeconfig", kubeconfig.toString(), "endpoint", "web.");
        Run files = CalicoqClusterIT.calicoq("-f", MANIFESTS.toString(), "endpoint", "web.");

        assertThat(cluster.exit()).as(cluster.err()).isZero();
        assertThat(cluster.out()).isEqualTo(files.out()).isEqualTo("""
                Policies that match each endpoint:

                Workload endpoint k8s/web.backend-1/eth0
                  Policies:
                    Policy "team-web-egress" (order 200; selector "all()")
                    Policy "web/knp.default.backend-from-frontend" (order 1000; selector "projectcalico.org/orchestrator == 'k8s' && app == 'backend'")
                  Profiles:
                    Profile kns.web
                    Profile ksa.web.default

                Workload endpoint k8s/web.frontend-1/eth0
                  Policies:
                    Policy "team-web-egress" (order 200; selector "all()")
                  Profiles:
                    Profile kns.web
                    Profile ksa.web.frontend
                  Rule matches:
                    Policy "web/knp.default.backend-from-frontend" inbound rule 1 source match; selector "(projectcalico.org/namespace == 'web') && (projectcalico.org/orchestrator == 'k8s' && app == 'frontend')"
                """);
    }

    @Test
    void aNamespaceLabelChangeChangesWhichPoliciesApply() {
        server.client().namespaces().withName("web").edit(ns -> {
            ns.getMetadata().getLabels().put("team", "platform");
            return ns;
        });
        try {
            Run run = CalicoqClusterIT.calicoq("--kubeconfig", kubeconfig.toString(), "endpoint", "frontend", "-s");
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).doesNotContain("team-web-egress").contains("""
                    Workload endpoint k8s/web.frontend-1/eth0
                      Policies:
                      Profiles:
                    """);
        } finally {
            server.client().namespaces().withName("web").edit(ns -> {
                ns.getMetadata().getLabels().put("team", "web");
                return ns;
            });
        }
    }
}
