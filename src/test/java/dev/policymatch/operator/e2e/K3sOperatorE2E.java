package dev.policymatch.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.kube.KubernetesClientFactory;
import dev.policymatch.operator.PolicyMatchOperator;
import dev.policymatch.operator.ReportConvergence;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The operator against a real API server (k3s in Docker): the CRDs, examples/cluster, and the columns
 * {@code kubectl get policymatchreports} shows. Skipped where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sOperatorE2E {

    static final String NAMESPACE = "policymatch-system";

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    @Test
    void reportsOfTheExamplesShowInKubectl() throws Exception {
        KubernetesClient client = new KubernetesClientFactory(Duration.ofSeconds(30), Duration.ofSeconds(10))
                .build(Config.fromKubeconfig(K3S.getKubeConfigYaml()));
        try (client) {
            for (HasMetadata crd : load(client, Path.of("crds"))) {
                client.resource(crd).createOr(NonDeletingOperation::update);
            }
            for (HasMetadata crd : load(client, Path.of("crds"))) {
                client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                        .waitUntilCondition(c -> established((CustomResourceDefinition) c), 60, TimeUnit.SECONDS);
            }
            client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
                    .createOr(NonDeletingOperation::update);
            for (HasMetadata item : load(client, Path.of("examples", "cluster"))) {
                if (item.getMetadata().getNamespace() == null && !"Namespace".equals(item.getKind())
                        && !item.getApiVersion().startsWith("crd.projectcalico.org")) {
                    item.getMetadata().setNamespace("default");
                }
                client.resource(item).createOr(NonDeletingOperation::update);
            }

            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            try (PolicyMatchOperator operator = new PolicyMatchOperator(client, registry,
                    PolicyMatchOperator.Settings.of(NAMESPACE))) {
                operator.start();
                List<PolicyMatchReport> reports = ReportConvergence.awaitReports(client, dev.policymatch.source.document.CalicoApiGroup.CRD_V1, NAMESPACE,
                        dev.policymatch.operator.reconcile.ReportScope.ALL,
                        dev.policymatch.operator.inputs.ListPageSize.DEFAULT, Duration.ofMinutes(2));
                assertThat(reports).isNotEmpty();

                var kubectl = K3S.execInContainer("kubectl", "get", "policymatchreports", "-n", NAMESPACE);
                assertThat(kubectl.getExitCode()).as(kubectl.getStderr()).isZero();
                String header = kubectl.getStdout().lines().findFirst().orElseThrow();
                assertThat(header.split("\\s{2,}")).containsExactly("NAME", "ENDPOINT", "NODE", "POLICIES",
                        "PROFILES", "RULE MATCHES", "MATCHED", "VALID", "AGE");
                assertThat(kubectl.getStdout()).contains("hep.edge1-eth0", "edge1/edge1-eth0");
                assertThat(kubectl.getStdout().lines().skip(1).count()).isEqualTo(reports.size());

                // An unchanged cluster: the periodic resync and the stale sweep write nothing.
                double before = operator.metrics().successfulWrites();
                operator.sweeper().sweep();
                await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
                assertThat(operator.metrics().successfulWrites()).isEqualTo(before);
            }
        }
    }

    private static boolean established(CustomResourceDefinition crd) {
        return crd != null && crd.getStatus() != null && crd.getStatus().getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static List<HasMetadata> load(KubernetesClient client, Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            List<HasMetadata> items = new java.util.ArrayList<>();
            for (Path file : yaml) {
                try (InputStream in = Files.newInputStream(file)) {
                    items.addAll(client.load(in).items());
                }
            }
            return items;
        }
    }
}
