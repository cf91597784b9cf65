package dev.policymatch.operator.inputs;

import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Calico's HostEndpoint as the Kubernetes datastore stores it ({@code crd.projectcalico.org/v1},
 * cluster-scoped), the primary resource of the host endpoint controller.
 *
 * <p>A typed class because JOSDK takes the primary's group, version and plural from the class; it
 * extends {@link GenericKubernetesResource} so that every field survives as read and the converters behind
 * {@code source.ResourceConverter} stay the one place that interprets them. It is deliberately not a
 * {@code CustomResource}: the CRD generator would emit a CRD for it, and the real one is Calico's.
 */
@Group(ResourceKind.CALICO_GROUP)
@Version(ResourceKind.CALICO_VERSION)
@Kind("HostEndpoint")
@Plural("hostendpoints")
public class CalicoHostEndpointResource extends GenericKubernetesResource {
    private static final long serialVersionUID = 1L;

    public CalicoHostEndpointResource() {
        setApiVersion(ResourceKind.CALICO_API_VERSION);
        setKind("HostEndpoint");
    }
}
