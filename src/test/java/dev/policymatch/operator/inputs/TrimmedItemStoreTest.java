package dev.policymatch.operator.inputs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.ServedObjects;
import dev.policymatch.source.ServedObjects.Served;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the operator's informer caches keep of each object: for every fixture of every cached kind, as an API server
 * serves it and read into the class its informer uses, the cached object converts to the same model (or the same
 * refusal) as the object read, keeps its identity, and holds no managed fields, status or kubectl annotation.
 */
class TrimmedItemStoreTest {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private final ResourceConverter converter = new ResourceConverter();

    /** The class each kind's informer reads objects into (PolicyMatchOperator, CalicoInputs). */
    private static Class<? extends HasMetadata> informerClass(Served served) {
        return switch (served.kind()) {
            case POD -> Pod.class;
            case HOST_ENDPOINT -> CalicoHostEndpointResource.in(served.group());
            default -> GenericKubernetesResource.class;
        };
    }

    private static boolean cached(ResourceKind kind) {
        return kind.watchedAsInput() || kind == ResourceKind.HOST_ENDPOINT || kind == ResourceKind.POD;
    }

    @Test
    void theCachedObjectConvertsAsTheObjectReadAndKeepsItsIdentity() {
        Set<ResourceKind> seen = EnumSet.noneOf(ResourceKind.class);
        for (Served served : ServedObjects.fixtures()) {
            if (!cached(served.kind()) || !served.object().path("metadata").isObject()) {
                continue;
            }
            seen.add(served.kind());
            HasMetadata read = SERIALIZATION.convertValue(served.object(), informerClass(served));
            String readJson = SERIALIZATION.asJson(read);
            TrimmedItemStore<HasMetadata> store = new TrimmedItemStore<>(served.kind(), SERIALIZATION);
            String key = store.getKey(read);
            store.put(key, read);
            HasMetadata kept = store.get(key);

            assertThat(kept).as(served.source()).isInstanceOf(read.getClass());
            assertThat(outcome(served, kept)).as(served.source() + ": " + readJson).isEqualTo(outcome(served, read));
            assertThat(key).isEqualTo(Cache.metaNamespaceKeyFunc(kept));
            assertThat(kept.getMetadata().getUid()).isEqualTo(read.getMetadata().getUid()).isNotBlank();
            assertThat(kept.getMetadata().getResourceVersion()).isEqualTo("184467");
            assertThat(kept.getMetadata().getGeneration()).isEqualTo(1L);
            assertThat(kept.getMetadata().getManagedFields()).isEmpty();
            assertThat(kept.getMetadata().getCreationTimestamp()).isNull();
            assertThat(kept.getMetadata().getDeletionTimestamp()).isEqualTo(read.getMetadata().getDeletionTimestamp());
            String keptJson = SERIALIZATION.asJson(kept);
            assertThat(keptJson).doesNotContain("last-applied-configuration", "f:metadata");
            assertThat(keptJson.length()).isLessThan(readJson.length() / 2);
            assertThat(SERIALIZATION.asJson(read)).as("the object read, which the handlers get, is left alone")
                    .isEqualTo(readJson);
        }
        assertThat(seen).contains(ResourceKind.POD, ResourceKind.HOST_ENDPOINT, ResourceKind.NAMESPACE,
                ResourceKind.SERVICE_ACCOUNT, ResourceKind.GLOBAL_NETWORK_POLICY, ResourceKind.NETWORK_POLICY,
                ResourceKind.KUBERNETES_NETWORK_POLICY, ResourceKind.PROFILE, ResourceKind.TIER);
    }

    @Test
    void aNamespaceKeepsItsLabelsForTheReportScopeAndItsIdentityAndNothingElse() {
        GenericKubernetesResource namespace = SERIALIZATION.unmarshal("""
                {"apiVersion": "v1", "kind": "Namespace",
                 "metadata": {"name": "shop", "uid": "u-1", "resourceVersion": "7", "labels": {"team": "a"},
                              "deletionTimestamp": "2026-12-02T10:00:00Z", "finalizers": ["example.com/f"],
                              "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}"},
                              "managedFields": [{"manager": "kubectl", "operation": "Update"}]},
                 "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}""",
                GenericKubernetesResource.class);
        TrimmedItemStore<GenericKubernetesResource> store = new TrimmedItemStore<>(ResourceKind.NAMESPACE,
                SERIALIZATION);
        store.put("shop", namespace);
        assertThat(SERIALIZATION.asJson(store.get("shop"))).isEqualTo(SERIALIZATION.asJson(SERIALIZATION.unmarshal("""
                {"apiVersion": "v1", "kind": "Namespace",
                 "metadata": {"name": "shop", "uid": "u-1", "resourceVersion": "7", "labels": {"team": "a"},
                              "deletionTimestamp": "2026-12-02T10:00:00Z"}}""",
                GenericKubernetesResource.class)));
    }

    @Test
    void itHoldsTheStateTheHandlersUseSoTheFirstListsAddsComeFromIt() {
        assertThat(new TrimmedItemStore<Pod>(ResourceKind.POD, SERIALIZATION).isFullState()).isTrue();
    }

    @Test
    void aReplacedObjectIsReturnedAsItWasKept() {
        TrimmedItemStore<Pod> store = new TrimmedItemStore<>(ResourceKind.POD, SERIALIZATION);
        Pod first = SERIALIZATION.unmarshal("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a", "namespace": "shop",
                 "resourceVersion": "1", "annotations": {"x": "y"}}, "spec": {"nodeName": "n1",
                 "containers": [{"name": "c", "image": "i"}]}}""", Pod.class);
        Pod second = SERIALIZATION.unmarshal(SERIALIZATION.asJson(first).replace("\"1\"", "\"2\""), Pod.class);
        assertThat(store.put("shop/a", first)).isNull();
        Pod old = store.put("shop/a", second);
        assertThat(old.getMetadata().getResourceVersion()).isEqualTo("1");
        assertThat(old.getSpec().getContainers()).isEmpty();
        assertThat(store.values().map(p -> p.getMetadata().getResourceVersion()).toList()).isEqualTo(List.of("2"));
        assertThat(store.remove("shop/a").getSpec().getNodeName()).isEqualTo("n1");
        assertThat(store.size()).isZero();
    }

    /** What the operator makes of an object: it converts it from JSON, as CalicoInputs and the intakes do. */
    private String outcome(Served served, HasMetadata object) {
        CalicoApiGroup group = served.group();
        try {
            return String.valueOf(converter.convert(served.kind(), group,
                    SERIALIZATION.convertValue(object, ObjectNode.class)));
        } catch (ResourceFormatException e) {
            return "refused: " + e.getMessage();
        }
    }
}
