package dev.policymatch.operator.inputs;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.PodWorkload;
import dev.policymatch.model.WorkloadEndpoint;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.OperatorException;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSourceStartPriority;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the change sets of {@link CalicoInputs} into reconcile events for one endpoint controller: a
 * policy, profile or tier change triggers exactly the primaries whose match changed. JOSDK coalesces
 * events per resource, so a burst of policy changes reconciles each endpoint once or a few times, not
 * once per change.
 *
 * <p>It starts before the controller's other event sources ({@link EventSourceStartPriority#RESOURCE_STATE_LOADER})
 * and its start blocks until the index holds every policy, profile and tier.
 */
public final class EndpointChangeEventSource<P extends HasMetadata> extends AbstractEventSource<EndpointKey, P> {

    private final CalicoInputs inputs;
    private final EndpointKind kind;

    public EndpointChangeEventSource(CalicoInputs inputs, EndpointKind kind) {
        super(EndpointKey.class, "calico-inputs-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        this.inputs = inputs;
        this.kind = kind;
        setEventSourcePriority(EventSourceStartPriority.RESOURCE_STATE_LOADER);
        inputs.addListener(this::changed);
    }

    @Override
    public void start() throws OperatorException {
        inputs.start();
        super.start();
    }

    /** It carries no resources of its own, only the news that an endpoint's match changed. */
    @Override
    public Set<EndpointKey> getSecondaryResources(P primary) {
        return Set.of();
    }

    private void changed(Set<EndpointKey> keys) {
        if (!isRunning()) {
            return;
        }
        for (EndpointKey key : keys) {
            if (key.kind() != kind) {
                continue;
            }
            inputs.index().match(key).map(match -> match.endpoint()).flatMap(EndpointChangeEventSource::primaryOf)
                    .ifPresent(id -> getEventHandler().handleEvent(new Event(id)));
        }
    }

    /** The Kubernetes object an endpoint came from: the HostEndpoint itself, or a workload endpoint's pod. */
    static Optional<ResourceID> primaryOf(Endpoint endpoint) {
        if (endpoint instanceof HostEndpoint host) {
            return Optional.of(new ResourceID(host.name()));
        }
        return PodWorkload.of((WorkloadEndpoint) endpoint).map(pod -> new ResourceID(pod.pod(), pod.namespace()));
    }
}
