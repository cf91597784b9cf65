package dev.policymatch.operator;

import static org.awaitility.Awaitility.await;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.devcluster.ApiFaults;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.devcluster.auth.RequestAttributes;
import dev.policymatch.kube.KubernetesClientFactory;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded API server with PolicyMatch's and Calico's CRDs and deploy/'s RBAC, and an operator
 * that can be started, stopped and started again on it, for the operator's integration tests. The
 * operator runs as deploy/'s service account, so it may do only what deploy/ grants (a real
 * cluster's 403 otherwise); {@link #client()} is the administrator that loads the test's data.
 *
 * <p>A JUnit extension: {@code @RegisterExtension final OperatorHarness harness = OperatorHarness.perTest();}
 * gives each test a fresh server, started before the test and closed after it; a harness used outside
 * an extension starts its server on first use and is closed with try-with-resources. {@link #close()}
 * fails the test when the operator was refused anything, unless the test said it expects refusals.
 */
public final class OperatorHarness implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    public static final String NAMESPACE = ShippedRbac.NAMESPACE;
    public static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path REPORT_CRD = Path.of("crds/policymatch.dev_policymatchreports.yaml");
    private static final KubernetesClientFactory CLIENTS =
            new KubernetesClientFactory(Duration.ofSeconds(10), Duration.ofSeconds(5));

    private final List<Path> crds;
    private final CalicoApiGroup group;
    private final List<KubernetesClient> operatorClients = new ArrayList<>();
    private ApiFaults faults;
    private EmbeddedApiServer server;
    private String operatorToken;
    private KubernetesClient operatorClient;
    private PolicyMatchOperator operator;
    private PrometheusMeterRegistry registry;
    private boolean refusalsExpected;

    private OperatorHarness(List<Path> crds, CalicoApiGroup group) {
        this.crds = crds;
        this.group = group;
    }

    /** With the report CRD and Calico's {@code crd.projectcalico.org/v1} CRDs of {@code crds/calico/}. */
    public static OperatorHarness perTest() {
        return new OperatorHarness(List.of(REPORT_CRD, Path.of("crds/calico")), CalicoApiGroup.CRD_V1);
    }

    /**
     * With Calico's CRDs of {@code group} only, so that the operator finds its kinds there; {@link #apply} and
     * {@link #delete} then write Calico's kinds in that group, the YAML's apiVersion replaced.
     */
    public OperatorHarness inGroup(CalicoApiGroup calicoGroup) {
        Path calicoCrds = Path.of(calicoGroup == CalicoApiGroup.CRD_V1 ? "crds/calico" : "crds/calico-v3");
        return new OperatorHarness(List.of(REPORT_CRD, calicoCrds), calicoGroup);
    }

    /** With only the CRDs given (files or directories). */
    public OperatorHarness withCrds(Path... crds) {
        return new OperatorHarness(List.of(crds), group);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        server();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    /** The server, started with the CRDs, deploy/'s RBAC and a fault layer of its own on first use. */
    public EmbeddedApiServer server() {
        if (server == null) {
            faults = new ApiFaults();
            server = EmbeddedApiServer.start(0, CLIENTS, faults);
            server.installCrds(crds.toArray(Path[]::new));
            operatorToken = ShippedRbac.apply(server);
            operatorClient = newOperatorClient();
        }
        return server;
    }

    /** Faults to inject and the requests counted (see docs/robustness.md). */
    public ApiFaults faults() {
        server();
        return faults;
    }

    /** The administrator's client (no credentials): may do everything. */
    public KubernetesClient client() {
        return server().client();
    }

    /** The client the operator uses: deploy/'s service account, under deploy/'s RBAC. */
    public KubernetesClient operatorClient() {
        server();
        return operatorClient;
    }

    /** Another client of the operator's service account (closed with the harness), e.g. for a second replica. */
    public KubernetesClient newOperatorClient() {
        KubernetesClient client = CLIENTS.forMasterUrl(server().url(), NAMESPACE, operatorToken);
        operatorClients.add(client);
        return client;
    }

    /** Requests the operator's service account made that were refused (403). */
    public Set<RequestAttributes> refusedRequests() {
        return server().authorizations().denied(ShippedRbac.OPERATOR);
    }

    /** For a test that runs the operator under RBAC it expects to refuse something. */
    public void expectRefusals() {
        refusalsExpected = true;
    }

    public PolicyMatchOperator start() {
        return start(PolicyMatchOperator.Settings.of(NAMESPACE));
    }

    public PolicyMatchOperator start(PolicyMatchOperator.Settings settings) {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        operator = new PolicyMatchOperator(operatorClient(), registry, settings);
        operator.start();
        return operator;
    }

    public void stop() {
        if (operator != null) {
            operator.close();
            operator = null;
        }
    }

    public PolicyMatchOperator operator() {
        return operator;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Creates or replaces a Calico object given as YAML. */
    public GenericKubernetesResource apply(ResourceKind kind, String yaml) {
        GenericKubernetesResource resource = client().getKubernetesSerialization().unmarshal(yaml,
                GenericKubernetesResource.class);
        resource.setApiVersion(kind.apiVersion(group));
        var operation = client().genericKubernetesResources(kind.context(group));
        return kind.namespaced()
                ? operation.inNamespace(resource.getMetadata().getNamespace()).resource(resource)
                        .createOr(NonDeletingOperation::update)
                : operation.resource(resource).createOr(NonDeletingOperation::update);
    }

    public void delete(ResourceKind kind, String namespace, String name) {
        var operation = client().genericKubernetesResources(kind.context(group));
        (namespace == null ? operation.withName(name) : operation.inNamespace(namespace).withName(name)).delete();
    }

    public static String hostEndpoint(String name, String node, Map<String, String> labels, String... profiles) {
        String labelYaml = labels.entrySet().stream().map(e -> "    " + e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("\n"));
        return """
                apiVersion: crd.projectcalico.org/v1
                kind: HostEndpoint
                metadata:
                  name: %s
                  labels:
                %s
                spec:
                  node: %s
                  interfaceName: eth0
                  expectedIPs: [10.0.0.1]
                  profiles: [%s]
                """.formatted(name, labelYaml.isEmpty() ? "    {}" : labelYaml, node, String.join(", ", profiles))
                .replace("  labels:\n    {}", "  labels: {}");
    }

    public static String globalPolicy(String name, double order, String selector) {
        return """
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata:
                  name: %s
                spec:
                  order: %s
                  selector: "%s"
                  ingress:
                  - action: Allow
                """.formatted(name, order, selector);
    }

    public List<PolicyMatchReport> reports() {
        return client().resources(PolicyMatchReport.class).inNamespace(NAMESPACE).list().getItems();
    }

    public Map<String, PolicyMatchReport> reportsByName() {
        return reports().stream().collect(Collectors.toMap(r -> r.getMetadata().getName(), Function.identity()));
    }

    public PolicyMatchReport report(String name) {
        return client().resources(PolicyMatchReport.class).inNamespace(NAMESPACE).withName(name).get();
    }

    /** Waits until the report exists with a status whose policies are {@code policies} (by name). */
    public PolicyMatchReport awaitPolicies(String reportName, List<String> policies) {
        return await().atMost(WAIT).until(() -> report(reportName),
                r -> r != null && r.getStatus() != null
                        && r.getStatus().getPolicies().stream().map(p -> p.getName()).toList().equals(policies));
    }

    /** Stops the operator and closes the server; a later use starts a fresh one. */
    @Override
    public void close() {
        stop();
        if (server == null) {
            return;
        }
        Set<RequestAttributes> refused = refusedRequests();
        operatorClients.forEach(KubernetesClient::close);
        operatorClients.clear();
        server.close();
        server = null;
        operatorClient = null;
        boolean refusalsAllowed = refusalsExpected;
        refusalsExpected = false;
        if (!refusalsAllowed && !refused.isEmpty()) {
            throw new AssertionError("deploy/'s RBAC refused the operator (403): " + refused);
        }
    }
}
