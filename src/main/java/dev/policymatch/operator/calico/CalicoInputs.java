package dev.policymatch.operator.calico;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;
import dev.policymatch.operator.events.WarningEvents;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.source.CalicoResource;
import dev.policymatch.source.CalicoResourceConverter;
import dev.policymatch.source.ResourceFormatException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy side of the match: informers on Tiers, Profiles, GlobalNetworkPolicies and
 * NetworkPolicies feeding the one {@link MatchIndex}, and telling listeners which endpoints each change
 * affected (the change sets MatchIndex returns), so that only those reports are recomputed.
 *
 * <p>{@link #start()} returns once every informer has listed its kind and the index holds all of it:
 * the endpoint controllers start after that, so a cold start computes each report once, against the
 * whole policy set. Informers re-list and re-watch by themselves when a watch drops; a re-list that
 * delivers the same objects changes nothing in the index and so triggers nothing.
 *
 * <p>A resource the converter rejects, or a policy whose selector does not parse, is left out of
 * matching (its previous version too), logged, and warned about once on the resource.
 */
public final class CalicoInputs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CalicoInputs.class);
    private static final List<CalicoKind> KINDS =
            List.of(CalicoKind.TIER, CalicoKind.PROFILE, CalicoKind.GLOBAL_NETWORK_POLICY, CalicoKind.NETWORK_POLICY);

    private final KubernetesClient client;
    private final MatchIndex index;
    private final CalicoResourceConverter converter = new CalicoResourceConverter();
    private final WarningEvents warnings;
    private final DomainMetrics metrics;
    private final List<Consumer<Set<EndpointKey>>> listeners = new CopyOnWriteArrayList<>();
    /** What each stored Kubernetes object became in the index, to remove it by that identity on delete. */
    private final Map<String, Object> indexed = new ConcurrentHashMap<>();
    /** Policies the converter rejected, by object id: they count as invalid policies. */
    private final Set<String> rejectedPolicies = ConcurrentHashMap.newKeySet();
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    private final Object changeLock = new Object();
    private boolean started;

    public CalicoInputs(KubernetesClient client, MatchIndex index, WarningEvents warnings, DomainMetrics metrics) {
        this.client = client;
        this.index = index;
        this.warnings = warnings;
        this.metrics = metrics;
    }

    public MatchIndex index() {
        return index;
    }

    /** Called with the keys of the endpoints whose match changed, on an informer thread. */
    public void addListener(Consumer<Set<EndpointKey>> listener) {
        listeners.add(listener);
    }

    /** Policies left out of matching: selectors that do not parse, and policies the converter rejected. */
    public int invalidPolicyCount() {
        return index.invalidPolicies().size() + rejectedPolicies.size();
    }

    /** Starts the informers and loads everything they listed; idempotent; blocks until synced. */
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        for (CalicoKind kind : KINDS) {
            var operation = client.genericKubernetesResources(kind.context());
            SharedIndexInformer<GenericKubernetesResource> informer = kind.namespaced()
                    ? operation.inAnyNamespace().runnableInformer(0)
                    : operation.runnableInformer(0);
            informer.addEventHandler(new Handler(kind));
            try {
                informer.run();
            } catch (RuntimeException e) {
                if (!notFound(e)) {
                    throw e;
                }
                // Older Calico releases have no Tier CRD; a kind the cluster does not serve has no objects.
                LOG.warn("The cluster does not serve {}.{}: treating it as empty", kind.kind(), CalicoKind.GROUP);
                informer.close();
                continue;
            }
            informers.add(informer);
            // Handlers run asynchronously; load what the informer listed now, so that the index is
            // complete when start returns (the handlers' later calls with the same objects are no-ops).
            informer.getStore().list().forEach(resource -> upsert(kind, resource));
            LOG.info("Loaded {} {} resources", informer.getStore().list().size(), kind.kind());
        }
    }

    /** Whether every informer is watching (for readiness); true before start. */
    public boolean isWatching() {
        return informers.stream().allMatch(SharedIndexInformer::isWatching);
    }

    @Override
    public synchronized void close() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        private final CalicoKind kind;

        Handler(CalicoKind kind) {
            this.kind = kind;
        }

        @Override
        public void onAdd(GenericKubernetesResource resource) {
            upsert(kind, resource);
        }

        @Override
        public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource resource) {
            upsert(kind, resource);
        }

        @Override
        public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
            remove(kind, objectId(kind, resource));
        }
    }

    /** One change at a time: the initial load and the informers' handlers may race on the same object. */
    private void upsert(CalicoKind kind, GenericKubernetesResource resource) {
        synchronized (changeLock) {
            upsertLocked(kind, resource);
        }
    }

    private void upsertLocked(CalicoKind kind, GenericKubernetesResource resource) {
        String id = objectId(kind, resource);
        Optional<CalicoResource> converted;
        try {
            converted = converter.convert(client.getKubernetesSerialization().convertValue(resource, JsonNode.class));
        } catch (ResourceFormatException e) {
            LOG.warn("{} {} left out of matching: {}", kind.kind(), id, e.getMessage());
            removeLocked(kind, id);
            if (isPolicy(kind)) {
                rejectedPolicies.add(id);
            }
            warnings.warnOnce(resource, "InvalidResource", e.fieldMessage());
            return;
        }
        rejectedPolicies.remove(id);
        if (converted.isEmpty()) {
            return;
        }
        Object model = converted.get().model();
        Object key = switch (kind) {
            case GLOBAL_NETWORK_POLICY, NETWORK_POLICY -> PolicyKey.of((Policy) model);
            case PROFILE -> ((Profile) model).name();
            case TIER -> ((Tier) model).name();
            case HOST_ENDPOINT -> throw new IllegalArgumentException("host endpoints are the controller's");
        };
        Object before = indexed.put(id, key);
        if (before != null && !before.equals(key)) {
            apply(() -> removeFromIndex(kind, before));
        }
        apply(() -> switch (kind) {
            case GLOBAL_NETWORK_POLICY, NETWORK_POLICY -> index.upsertPolicy((Policy) model);
            case PROFILE -> index.upsertProfile((Profile) model);
            case TIER -> index.upsertTier((Tier) model);
            case HOST_ENDPOINT -> Set.of();
        });
        if (isPolicy(kind)) {
            String problem = index.invalidPolicies().get((PolicyKey) key);
            if (problem != null) {
                LOG.warn("{} {} left out of matching: {}", kind.kind(), id, problem);
                warnings.warnOnce(resource, "InvalidSelector", problem);
            }
        }
    }

    private void remove(CalicoKind kind, String id) {
        synchronized (changeLock) {
            removeLocked(kind, id);
        }
    }

    private void removeLocked(CalicoKind kind, String id) {
        rejectedPolicies.remove(id);
        Object key = indexed.remove(id);
        if (key != null) {
            apply(() -> removeFromIndex(kind, key));
        }
    }

    private Set<EndpointKey> removeFromIndex(CalicoKind kind, Object key) {
        return switch (kind) {
            case GLOBAL_NETWORK_POLICY, NETWORK_POLICY -> index.removePolicy((PolicyKey) key);
            case PROFILE -> index.removeProfile((String) key);
            case TIER -> index.removeTier((String) key);
            case HOST_ENDPOINT -> Set.of();
        };
    }

    private void apply(Supplier<Set<EndpointKey>> change) {
        Set<EndpointKey> changed = metrics.matchUpdate().record(change);
        if (changed != null && !changed.isEmpty()) {
            listeners.forEach(listener -> listener.accept(changed));
        }
    }

    private static boolean notFound(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() == 404) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPolicy(CalicoKind kind) {
        return kind == CalicoKind.GLOBAL_NETWORK_POLICY || kind == CalicoKind.NETWORK_POLICY;
    }

    private static String objectId(CalicoKind kind, GenericKubernetesResource resource) {
        String namespace = resource.getMetadata().getNamespace();
        return kind.kind() + "/" + (namespace == null ? "" : namespace + "/") + resource.getMetadata().getName();
    }
}
