package dev.policymatch.operator.inputs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.ServedObjects;
import dev.policymatch.source.ServedObjects.Served;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Measures what an informer cache retains per object, whole (Fabric8's plain store) and trimmed
 * ({@link TrimmedItemStore}), for the fixtures of each cached kind as an API server serves them after
 * {@code kubectl apply} ({@link ServedObjects}) and for a typical Deployment pod. Two numbers per kind: the
 * object's JSON size, and the heap a store of {@code N} such objects holds (used heap after full collections,
 * before and after filling it), divided by {@code N}. A driver, not a test:
 *
 * <pre>java -Xmx1g -cp target/test-classes:target/classes:$(cat cp.txt) dev.policymatch.operator.inputs.TrimmedFootprint [N]</pre>
 */
public final class TrimmedFootprint {
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A pod of a Deployment as kube-apiserver serves it: containers, probes, env, volumes, status, managed fields. */
    private static final String DEPLOYMENT_POD = """
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": "api-7d9f8b6c4-x2x9q", "generateName": "api-7d9f8b6c4-", "namespace": "shop",
              "uid": "0b0c8a9e-3f51-4e0e-9d53-6c1a2f7e4b11", "resourceVersion": "918273645",
              "creationTimestamp": "2026-11-30T08:12:44Z",
              "labels": {"app.kubernetes.io/name": "api", "app.kubernetes.io/part-of": "shop",
                         "pod-template-hash": "7d9f8b6c4", "tier": "backend"},
              "annotations": {"cni.projectcalico.org/containerID": "5f2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80",
                              "cni.projectcalico.org/podIP": "10.244.17.23/32",
                              "cni.projectcalico.org/podIPs": "10.244.17.23/32",
                              "kubectl.kubernetes.io/restartedAt": "2026-11-30T08:12:40Z",
                              "prometheus.io/scrape": "true", "prometheus.io/port": "9090"},
              "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "api-7d9f8b6c4",
                                   "uid": "7e1d2c3b-4a59-4687-9a8b-1c2d3e4f5a6b", "controller": true,
                                   "blockOwnerDeletion": true}],
              "managedFields": [
               {"manager": "kube-controller-manager", "operation": "Update", "apiVersion": "v1",
                "time": "2026-11-30T08:12:44Z", "fieldsType": "FieldsV1",
                "fieldsV1": {"f:metadata": {"f:annotations": {".": {}, "f:kubectl.kubernetes.io/restartedAt": {},
                  "f:prometheus.io/port": {}, "f:prometheus.io/scrape": {}}, "f:generateName": {},
                  "f:labels": {".": {}, "f:app.kubernetes.io/name": {}, "f:app.kubernetes.io/part-of": {},
                  "f:pod-template-hash": {}, "f:tier": {}}, "f:ownerReferences": {".": {},
                  "k:{\\"uid\\":\\"7e1d2c3b-4a59-4687-9a8b-1c2d3e4f5a6b\\"}": {}}},
                 "f:spec": {"f:containers": {"k:{\\"name\\":\\"api\\"}": {".": {}, "f:env": {".": {},
                  "k:{\\"name\\":\\"DB_HOST\\"}": {".": {}, "f:name": {}, "f:value": {}},
                  "k:{\\"name\\":\\"DB_PASSWORD\\"}": {".": {}, "f:name": {}, "f:valueFrom": {".": {},
                  "f:secretKeyRef": {}}}, "k:{\\"name\\":\\"LOG_LEVEL\\"}": {".": {}, "f:name": {}, "f:value": {}}},
                  "f:image": {}, "f:imagePullPolicy": {}, "f:livenessProbe": {".": {}, "f:httpGet": {".": {},
                  "f:path": {}, "f:port": {}, "f:scheme": {}}}, "f:name": {}, "f:ports": {".": {},
                  "k:{\\"containerPort\\":8080,\\"protocol\\":\\"TCP\\"}": {".": {}, "f:containerPort": {},
                  "f:name": {}, "f:protocol": {}}}, "f:readinessProbe": {".": {}, "f:httpGet": {".": {},
                  "f:path": {}, "f:port": {}}}, "f:resources": {".": {}, "f:limits": {".": {}, "f:memory": {}},
                  "f:requests": {".": {}, "f:cpu": {}, "f:memory": {}}}, "f:securityContext": {".": {},
                  "f:allowPrivilegeEscalation": {}, "f:readOnlyRootFilesystem": {}, "f:runAsNonRoot": {}},
                  "f:volumeMounts": {".": {}, "k:{\\"mountPath\\":\\"/config\\"}": {".": {}, "f:mountPath": {},
                  "f:name": {}}}}}, "f:dnsPolicy": {}, "f:enableServiceLinks": {}, "f:restartPolicy": {},
                  "f:schedulerName": {}, "f:securityContext": {}, "f:serviceAccount": {},
                  "f:serviceAccountName": {}, "f:terminationGracePeriodSeconds": {}, "f:volumes": {".": {},
                  "k:{\\"name\\":\\"config\\"}": {".": {}, "f:configMap": {".": {}, "f:defaultMode": {},
                  "f:name": {}}, "f:name": {}}}}}},
               {"manager": "calico", "operation": "Update", "apiVersion": "v1", "time": "2026-11-30T08:12:46Z",
                "fieldsType": "FieldsV1", "fieldsV1": {"f:metadata": {"f:annotations": {
                  "f:cni.projectcalico.org/containerID": {}, "f:cni.projectcalico.org/podIP": {},
                  "f:cni.projectcalico.org/podIPs": {}}}}, "subresource": "status"},
               {"manager": "kubelet", "operation": "Update", "apiVersion": "v1", "time": "2026-11-30T08:12:51Z",
                "fieldsType": "FieldsV1", "fieldsV1": {"f:status": {"f:conditions": {
                  "k:{\\"type\\":\\"ContainersReady\\"}": {".": {}, "f:lastProbeTime": {},
                  "f:lastTransitionTime": {}, "f:status": {}, "f:type": {}},
                  "k:{\\"type\\":\\"Initialized\\"}": {".": {}, "f:lastProbeTime": {}, "f:lastTransitionTime": {},
                  "f:status": {}, "f:type": {}}, "k:{\\"type\\":\\"Ready\\"}": {".": {}, "f:lastProbeTime": {},
                  "f:lastTransitionTime": {}, "f:status": {}, "f:type": {}}}, "f:containerStatuses": {},
                  "f:hostIP": {}, "f:hostIPs": {}, "f:phase": {}, "f:podIP": {}, "f:podIPs": {".": {},
                  "k:{\\"ip\\":\\"10.244.17.23\\"}": {".": {}, "f:ip": {}}}, "f:startTime": {}}},
                "subresource": "status"}]},
             "spec": {"volumes": [{"name": "config", "configMap": {"name": "api-config", "defaultMode": 420}},
                                  {"name": "kube-api-access-9xk2p", "projected": {"defaultMode": 420, "sources": [
                                   {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                                   {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                                   {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1",
                                    "fieldPath": "metadata.namespace"}}]}}]}}],
              "containers": [{"name": "api", "image": "registry.example.com/shop/api:4.12.3",
               "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}],
               "env": [{"name": "DB_HOST", "value": "db.shop.svc"}, {"name": "LOG_LEVEL", "value": "info"},
                       {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}}],
               "resources": {"limits": {"memory": "512Mi"}, "requests": {"cpu": "250m", "memory": "256Mi"}},
               "volumeMounts": [{"name": "config", "mountPath": "/config"},
                                {"name": "kube-api-access-9xk2p", "readOnly": true,
                                 "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}],
               "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"},
                                 "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3},
               "readinessProbe": {"httpGet": {"path": "/readyz", "port": 8080, "scheme": "HTTP"},
                                  "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3},
               "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
               "imagePullPolicy": "IfNotPresent",
               "securityContext": {"allowPrivilegeEscalation": false, "readOnlyRootFilesystem": true,
                                   "runAsNonRoot": true}}],
              "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
              "serviceAccountName": "api", "serviceAccount": "api", "nodeName": "worker-17",
              "securityContext": {}, "schedulerName": "default-scheduler",
              "tolerations": [{"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute",
                               "tolerationSeconds": 300},
                              {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute",
                               "tolerationSeconds": 300}],
              "priority": 0, "enableServiceLinks": true, "preemptionPolicy": "PreemptLowerPriority"},
             "status": {"phase": "Running",
              "conditions": [{"type": "Initialized", "status": "True", "lastTransitionTime": "2026-11-30T08:12:44Z"},
                             {"type": "Ready", "status": "True", "lastTransitionTime": "2026-11-30T08:12:51Z"},
                             {"type": "ContainersReady", "status": "True", "lastTransitionTime": "2026-11-30T08:12:51Z"},
                             {"type": "PodScheduled", "status": "True", "lastTransitionTime": "2026-11-30T08:12:44Z"}],
              "hostIP": "192.168.10.17", "hostIPs": [{"ip": "192.168.10.17"}],
              "podIP": "10.244.17.23", "podIPs": [{"ip": "10.244.17.23"}], "startTime": "2026-11-30T08:12:44Z",
              "containerStatuses": [{"name": "api", "state": {"running": {"startedAt": "2026-11-30T08:12:47Z"}},
               "lastState": {}, "ready": true, "restartCount": 0, "image": "registry.example.com/shop/api:4.12.3",
               "imageID": "registry.example.com/shop/api@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
               "containerID": "containerd://5f2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f80",
               "started": true}],
              "qosClass": "Burstable"}}""";

    private TrimmedFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        Map<ResourceKind, List<Served>> byKind = new EnumMap<>(ResourceKind.class);
        for (Served served : ServedObjects.fixtures()) {
            if ((served.kind().watchedAsInput() || served.kind() == ResourceKind.HOST_ENDPOINT
                    || served.kind() == ResourceKind.POD) && served.object().path("metadata").isObject()) {
                byKind.computeIfAbsent(served.kind(), k -> new ArrayList<>()).add(served);
            }
        }
        System.out.printf("%-46s %7s %11s %11s %11s %11s%n", "kind (fixtures served)", "objects", "JSON whole",
                "JSON kept", "heap whole", "heap kept");
        byKind.forEach((kind, served) -> report(kind.displayName(), kind, served, n));
        Served pod = new Served(ResourceKind.POD, CalicoApiGroup.CRD_V1, (ObjectNode) JSON.readTree(DEPLOYMENT_POD),
                "a Deployment's pod");
        report("Pod (a Deployment's)", ResourceKind.POD, List.of(pod), n);
        System.out.println("bytes per object; heap: retained by a store of " + n + " objects, divided by " + n);
    }

    private static void report(String label, ResourceKind kind, List<Served> served, int n) {
        long wholeJson = 0;
        long keptJson = 0;
        for (Served one : served) {
            wholeJson += ServedObjects.jsonBytes(one.object());
            keptJson += ServedObjects.jsonBytes(ResourceConverter.input(kind).cut(one.object())
                    .setAll(identity(one.object())));
        }
        long wholeHeap = retained(kind, served, n, false);
        long keptHeap = retained(kind, served, n, true);
        System.out.printf("%-46s %7d %11d %11d %11d %11d%n", label, served.size(), wholeJson / served.size(),
                keptJson / served.size(), wholeHeap, keptHeap);
    }

    private static ObjectNode identity(JsonNode object) {
        ObjectNode kept = JSON.createObjectNode();
        ObjectNode metadata = kept.putObject("metadata");
        for (String field : List.of("uid", "resourceVersion", "generation")) {
            if (object.path("metadata").has(field)) {
                metadata.set(field, object.path("metadata").get(field));
            }
        }
        return kept;
    }

    /** Heap held per object by a store of {@code n} objects read as the kind's informer reads them. */
    private static long retained(ResourceKind kind, List<Served> served, int n, boolean trimmed) {
        Class<? extends HasMetadata> type = switch (kind) {
            case POD -> Pod.class;
            case HOST_ENDPOINT -> CalicoHostEndpointResource.in(served.get(0).group());
            default -> GenericKubernetesResource.class;
        };
        List<String> json = served.stream().map(s -> s.object().toString()).toList();
        long before = usedAfterGc();
        ItemStore<HasMetadata> store = trimmed ? new TrimmedItemStore<>(kind, SERIALIZATION)
                : new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
        for (int i = 0; i < n; i++) {
            // Each object read anew from JSON, as an informer reads it: no strings shared between objects.
            HasMetadata object = SERIALIZATION.unmarshal(json.get(i % json.size()), type);
            object.getMetadata().setName(object.getMetadata().getName() + "-" + i);
            store.put(store.getKey(object), object);
        }
        long after = usedAfterGc();
        if (store.size() != n) {
            throw new IllegalStateException("store holds " + store.size());
        }
        return (after - before) / n;
    }

    private static long usedAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
