package dev.policymatch.operator.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.match.CompiledPolicy;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.Profile;
import dev.policymatch.operator.events.WarningEvents;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the input informers keep trimmed objects, and the match is what the whole objects give. Namespaces
 * carry kubectl's last-applied annotation, as after {@code kubectl apply}.
 */
class TrimmedInputsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
    private final EmbeddedApiServer server = EmbeddedApiServer.start(0);
    private CalicoInputs inputs;

    @AfterEach
    void close() {
        if (inputs != null) {
            inputs.close();
        }
        server.close();
    }

    private void namespace(String name, Map<String, String> labels) {
        server.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(labels).addToAnnotations(LAST_APPLIED, "{\"kind\": \"Namespace\", \"big\": true}")
                .endMetadata().build()).create();
    }

    /**
     * The first list's adds reach a handler from the cache, trimmed (the store holds full state, so Fabric8 defers
     * them until the list is complete); a later add carries the object as read, which the handler converts and
     * drops.
     */
    @Test
    void theFirstListsAddsReachTheHandlersTrimmedAndTheCacheStaysTrimmed() {
        namespace("shop", Map.of("team", "a"));
        namespace("bank", Map.of("team", "b"));
        Map<String, GenericKubernetesResource> added = new ConcurrentHashMap<>();
        try (SharedIndexInformer<GenericKubernetesResource> informer = server.client()
                .genericKubernetesResources(ResourceKind.NAMESPACE.context()).runnableInformer(0)) {
            informer.itemStore(new TrimmedItemStore<>(ResourceKind.NAMESPACE, server.client().getKubernetesSerialization()));
            informer.addEventHandler(new ResourceEventHandler<>() {
                @Override
                public void onAdd(GenericKubernetesResource namespace) {
                    added.put(namespace.getMetadata().getName(), namespace);
                }

                @Override
                public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
                }

                @Override
                public void onDelete(GenericKubernetesResource namespace, boolean finalStateUnknown) {
                }
            });
            informer.run();
            await().atMost(WAIT).until(() -> added.containsKey("shop") && added.containsKey("bank"));
            assertThat(added.values()).allSatisfy(namespace -> {
                assertThat(namespace.getMetadata().getAnnotations()).isNullOrEmpty();
                assertThat(namespace.getMetadata().getUid()).isNotBlank();
            });

            namespace("late", Map.of("team", "c"));
            await().atMost(WAIT).until(() -> added.containsKey("late"));
            assertThat(added.get("late").getMetadata().getAnnotations()).containsKey(LAST_APPLIED);
            assertThat(informer.getStore().list()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(namespace ->
                    assertThat(namespace.getMetadata().getAnnotations()).isNullOrEmpty());
            assertThat(informer.getStore().getByKey("late").getMetadata().getLabels()).isEqualTo(Map.of("team", "c"));
        }
    }

    @Test
    void theInputsMatchAsTheWholeObjectsGiveAndNamespaceRelabelsStillCompareLabels() {
        server.installCrds(Path.of("crds/calico"));
        namespace("shop", Map.of("team", "a"));
        GenericKubernetesResource policy = server.client().getKubernetesSerialization().unmarshal("""
                apiVersion: crd.projectcalico.org/v1
                kind: GlobalNetworkPolicy
                metadata:
                  name: default.db
                  labels: {projectcalico.org/tier: default}
                  annotations:
                    projectcalico.org/metadata: '{"name": "db", "labels": {"owner": "sec"}}'
                    kubectl.kubernetes.io/last-applied-configuration: '{"big": true}'
                spec: {tier: default, order: 10, selector: "role == 'db'", namespaceSelector: "team == 'a'"}
                """, GenericKubernetesResource.class);
        server.client().genericKubernetesResources(ResourceKind.GLOBAL_NETWORK_POLICY.context()).resource(policy)
                .create();
        inputs = new CalicoInputs(server.client(), CalicoApiGroup.CRD_V1, new MatchIndex(),
                new WarningEvents(server.client(), Clock.systemUTC()), new DomainMetrics(new SimpleMeterRegistry()),
                ListPageSize.DEFAULT);
        List<CalicoInputs.NamespaceRelabel> relabels = new CopyOnWriteArrayList<>();
        inputs.addNamespaceListener(relabels::add);
        inputs.start();

        assertThat(inputs.index().profile("kns.shop")).get().extracting(Profile::labelsToApply)
                .isEqualTo(Map.of("pcns.team", "a", "pcns.projectcalico.org/name", "shop"));
        assertThat(inputs.index().policies()).extracting(CompiledPolicy::policy).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("db");
            assertThat(p.selector()).isEqualTo("role == 'db'");
            assertThat(p.namespaceSelector()).isEqualTo("team == 'a'");
        });
        assertThat(inputs.namespaceLabels("shop")).isEqualTo(Map.of("team", "a"));

        server.client().namespaces().withName("shop").edit(n -> new NamespaceBuilder(n).editMetadata()
                .addToLabels("team", "b").endMetadata().build());
        await().atMost(WAIT).until(() -> !relabels.isEmpty());
        assertThat(relabels).singleElement().isEqualTo(
                new CalicoInputs.NamespaceRelabel("shop", Map.of("team", "a"), Map.of("team", "b")));
        assertThat(inputs.namespaceLabels("shop")).isEqualTo(Map.of("team", "b"));
    }
}
