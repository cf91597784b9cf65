package dev.policymatch.operator.inputs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.policymatch.api.Reasons;
import dev.policymatch.kube.ApiErrors;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.match.PolicyKey;
import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.CalicoObject.Family;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;
import dev.policymatch.operator.events.WarningEvents;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.Collections;
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
 * NetworkPolicies, and on the Kubernetes kinds Calico turns into profiles and policies (Namespaces,
 * ServiceAccounts, networking.k8s.io NetworkPolicies: the {@link ResourceKind}s {@link ResourceKind#watchedAsInput()
 * watched as inputs}), feeding the one {@link MatchIndex}, and telling listeners which endpoints each change
 * affected (the change sets MatchIndex returns), so that only those reports are recomputed.
 *
 * <p>{@link #start()} returns once every informer has listed its kind and the index holds all of it:
 * the endpoint controllers start after that, so a cold start computes each report once, against the
 * whole policy set. Informers re-list and re-watch by themselves when a watch drops; a re-list that
 * delivers the same objects changes nothing in the index and so triggers nothing.
 *
 * <p>A resource the converter rejects, or a policy whose selector does not parse, is left out of
 * matching (its previous version too), logged, and warned about once on the resource.
 *
 * <p>Each informer's cache keeps of an object only what it converts from and its identity
 * ({@link TrimmedItemStore}); the handlers get the whole object of an event, convert it and keep only the model.
 */
public final class CalicoInputs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CalicoInputs.class);

    private final KubernetesClient client;
    private final CalicoApiGroup calicoGroup;
    private final MatchIndex index;
    private final ResourceConverter converter = new ResourceConverter();
    private final WarningEvents warnings;
    private final DomainMetrics metrics;
    private final ListPageSize listPageSize;
    private final List<Consumer<Set<EndpointKey>>> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<NamespaceRelabel>> namespaceListeners = new CopyOnWriteArrayList<>();
    /** What each stored Kubernetes object became in the index (a Policy, Profile or Tier), to remove it on delete. */
    private final Map<String, CalicoObject> indexed = new ConcurrentHashMap<>();
    /** Policies the converter rejected, by object id: they count as invalid policies. */
    private final Set<String> rejectedPolicies = ConcurrentHashMap.newKeySet();
    private final List<SharedIndexInformer<GenericKubernetesResource>> informers = new ArrayList<>();
    private volatile SharedIndexInformer<GenericKubernetesResource> namespaces;
    private final Object changeLock = new Object();
    private boolean started;

    /**
     * Watches Calico's kinds in {@code calicoGroup}, the Kubernetes kinds in their own groups, listing them
     * {@code listPageSize} objects per request.
     */
    public CalicoInputs(KubernetesClient client, CalicoApiGroup calicoGroup, MatchIndex index, WarningEvents warnings,
            DomainMetrics metrics, ListPageSize listPageSize) {
        this.client = client;
        this.listPageSize = listPageSize;
        this.calicoGroup = calicoGroup;
        this.index = index;
        this.warnings = warnings;
        this.metrics = metrics;
        index.upsertProfile(Profile.DEFAULT_ALLOW); // Calico's datastore serves it without storing it
    }

    public MatchIndex index() {
        return index;
    }

    /** Called with the keys of the endpoints whose match changed, on an informer thread. */
    public void addListener(Consumer<Set<EndpointKey>> listener) {
        listeners.add(listener);
    }

    /**
     * A Namespace's labels changed (not its creation or deletion: a new namespace has no pods yet, and
     * a deleted one's pods go with it).
     */
    public record NamespaceRelabel(String name, Map<String, String> before, Map<String, String> after) {
    }

    /** Called on an informer thread for each Namespace whose labels changed. */
    public void addNamespaceListener(Consumer<NamespaceRelabel> listener) {
        namespaceListeners.add(listener);
    }

    /** The labels of the Namespace {@code name} as last seen; empty when it is not (yet) seen. */
    public Map<String, String> namespaceLabels(String name) {
        SharedIndexInformer<GenericKubernetesResource> informer = namespaces;
        GenericKubernetesResource namespace = informer == null ? null : informer.getStore().getByKey(name);
        return namespace == null ? Map.of() : labelsOf(namespace);
    }

    private static Map<String, String> labelsOf(GenericKubernetesResource resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return labels == null ? Map.of() : Collections.unmodifiableMap(labels);
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
        for (ResourceKind kind : ResourceKind.values()) {
            if (!kind.watchedAsInput() || !calicoGroup.serves(kind)) {
                continue;
            }
            var operation = client.genericKubernetesResources(kind.context(calicoGroup));
            SharedIndexInformer<GenericKubernetesResource> informer = kind.namespaced()
                    ? operation.inAnyNamespace().withLimit(listPageSize.limit()).runnableInformer(0)
                    : operation.withLimit(listPageSize.limit()).runnableInformer(0);
            informer.itemStore(new TrimmedItemStore<>(kind, client.getKubernetesSerialization()));
            informer.addEventHandler(new Handler(kind));
            try {
                informer.run();
            } catch (RuntimeException e) {
                if (!ApiErrors.isNotFound(e)) {
                    throw e;
                }
                // Older Calico releases have no Tier CRD; a kind the cluster does not serve has no objects.
                LOG.warn("The cluster does not serve {}: treating it as empty", kind.qualifiedPlural(calicoGroup));
                informer.close();
                continue;
            }
            informers.add(informer);
            if (kind == ResourceKind.NAMESPACE) {
                namespaces = informer;
            }
            // Handlers run asynchronously; load what the informer listed now, so that the index is
            // complete when start returns (the handlers' later calls with the same objects are no-ops).
            informer.getStore().list().forEach(resource -> upsert(kind, resource));
            LOG.info("Loaded {} {} resources", informer.getStore().list().size(), kind.displayName());
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
        namespaces = null;
    }

    private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
        private final ResourceKind kind;

        Handler(ResourceKind kind) {
            this.kind = kind;
        }

        @Override
        public void onAdd(GenericKubernetesResource resource) {
            upsert(kind, resource);
        }

        @Override
        public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource resource) {
            upsert(kind, resource);
            if (kind == ResourceKind.NAMESPACE && !labelsOf(old).equals(labelsOf(resource))) {
                NamespaceRelabel relabel = new NamespaceRelabel(resource.getMetadata().getName(), labelsOf(old),
                        labelsOf(resource));
                namespaceListeners.forEach(listener -> listener.accept(relabel));
            }
        }

        @Override
        public void onDelete(GenericKubernetesResource resource, boolean finalStateUnknown) {
            remove(objectId(kind, resource));
        }
    }

    /** One change at a time: the initial load and the informers' handlers may race on the same object. */
    private void upsert(ResourceKind kind, GenericKubernetesResource resource) {
        synchronized (changeLock) {
            upsertLocked(kind, resource);
        }
    }

    private void upsertLocked(ResourceKind kind, GenericKubernetesResource resource) {
        String id = objectId(kind, resource);
        Conversion conversion;
        try {
            conversion = converter.convert(kind, calicoGroup,
                    client.getKubernetesSerialization().convertValue(resource, ObjectNode.class));
        } catch (ResourceFormatException e) {
            LOG.warn("{} {} left out of matching: {}", kind.displayName(), id, e.getMessage());
            removeLocked(id);
            if (kind.family() == Family.POLICY) {
                rejectedPolicies.add(id);
            }
            warnings.warnOnce(resource, Reasons.INVALID_RESOURCE, e.fieldMessage());
            return;
        }
        rejectedPolicies.remove(id);
        if (!(conversion instanceof Conversion.Converted converted)) {
            // A staged deletion (stagedAction Delete) gives no policy: one changed to it leaves the match.
            removeLocked(id);
            return;
        }
        for (String warning : converted.warnings()) {
            LOG.warn("{} {}: {}", kind.displayName(), id, warning);
            warnings.warnOnce(resource, Reasons.INVALID_RESOURCE, warning);
        }
        CalicoObject model = converted.resource().model();
        CalicoObject before = indexed.put(id, model);
        if (before != null && !indexKey(before).equals(indexKey(model))) {
            withdraw(before);
        }
        apply(() -> upsertIntoIndex(model));
        if (model instanceof Policy policy) {
            String problem = index.invalidPolicies().get(PolicyKey.of(policy));
            if (problem != null) {
                LOG.warn("{} {} left out of matching: {}", kind.displayName(), id, problem);
                warnings.warnOnce(resource, Reasons.INVALID_SELECTOR, problem);
            }
        }
    }

    /** The identity a model has in the index: a policy's key, or a profile's or tier's name (apart). */
    private static Object indexKey(CalicoObject model) {
        return switch (model.family()) {
            case POLICY -> PolicyKey.of((Policy) model);
            case PROFILE -> List.of("profile", ((Profile) model).name());
            case TIER -> List.of("tier", ((Tier) model).name());
            case HOST_ENDPOINT, WORKLOAD_ENDPOINT -> throw notAnInput(model);
        };
    }

    private Set<EndpointKey> upsertIntoIndex(CalicoObject model) {
        return switch (model.family()) {
            case POLICY -> index.upsertPolicy((Policy) model);
            case PROFILE -> isDefaultAllow(model) ? Set.of() : index.upsertProfile((Profile) model);
            case TIER -> index.upsertTier((Tier) model);
            case HOST_ENDPOINT, WORKLOAD_ENDPOINT -> throw notAnInput(model);
        };
    }

    private void remove(String id) {
        synchronized (changeLock) {
            removeLocked(id);
        }
    }

    private void removeLocked(String id) {
        rejectedPolicies.remove(id);
        CalicoObject model = indexed.remove(id);
        if (model != null) {
            withdraw(model);
        }
    }

    /**
     * Takes a stored object's model out of the index, unless another stored object has the same identity there:
     * then that one takes its place. Two stored objects can: while Calico 3.32 migrates {@code default.x} to
     * {@code x}, both CRs exist and decode to the policy {@code x} (Felix's key has no room for two either).
     */
    private void withdraw(CalicoObject model) {
        Object key = indexKey(model);
        Optional<CalicoObject> other = indexed.values().stream().filter(m -> indexKey(m).equals(key)).findFirst();
        apply(() -> other.map(this::upsertIntoIndex).orElseGet(() -> removeFromIndex(model)));
    }

    private Set<EndpointKey> removeFromIndex(CalicoObject model) {
        return switch (model.family()) {
            case POLICY -> index.removePolicy(PolicyKey.of((Policy) model));
            case PROFILE -> isDefaultAllow(model) ? Set.of() : index.removeProfile(((Profile) model).name());
            case TIER -> index.removeTier(((Tier) model).name());
            case HOST_ENDPOINT, WORKLOAD_ENDPOINT -> throw notAnInput(model);
        };
    }

    /** A stored profile named as Calico's built-in one, which Calico serves in its place ({@link Profile#DEFAULT_ALLOW}). */
    private static boolean isDefaultAllow(CalicoObject model) {
        return ((Profile) model).name().equals(Profile.DEFAULT_ALLOW.name());
    }

    /** Endpoints are the controllers' primaries; no kind watched here becomes one. */
    private static IllegalStateException notAnInput(CalicoObject model) {
        return new IllegalStateException("an input became a " + model.family());
    }

    private void apply(Supplier<Set<EndpointKey>> change) {
        Set<EndpointKey> changed = metrics.matchUpdate().record(change);
        if (changed != null && !changed.isEmpty()) {
            listeners.forEach(listener -> listener.accept(changed));
        }
    }

    private static String objectId(ResourceKind kind, GenericKubernetesResource resource) {
        String namespace = resource.getMetadata().getNamespace();
        return kind.displayName() + "/" + (namespace == null ? "" : namespace + "/") + resource.getMetadata().getName();
    }
}
