package dev.policymatch.operator.inputs;

import dev.policymatch.source.document.CalicoApiGroup;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Calico's HostEndpoint as the Kubernetes datastore stores it ({@code crd.projectcalico.org/v1},
 * cluster-scoped), the primary resource of the host endpoint controller; {@link InV3} is the same kind in
 * {@code projectcalico.org/v3}, for clusters that serve Calico's kinds there ({@link CalicoApiGroup}).
 *
 * <p>A typed class because JOSDK takes the primary's group, version and plural from the class; it
 * extends {@link GenericKubernetesResource} so that every field survives as read and the converters behind
 * {@code source.ResourceConverter} stay the one place that interprets them. It is deliberately not a
 * {@code CustomResource}: the CRD generator would emit a CRD for it, and the real one is Calico's.
 */
@Group("crd.projectcalico.org")
@Version("v1")
@Kind("HostEndpoint")
@Plural("hostendpoints")
public class CalicoHostEndpointResource extends GenericKubernetesResource {
    private static final long serialVersionUID = 1L;

    public CalicoHostEndpointResource() {
        setApiVersion(CalicoApiGroup.CRD_V1.apiVersion());
        setKind("HostEndpoint");
    }

    /** The class of HostEndpoints in {@code group}. */
    public static Class<? extends CalicoHostEndpointResource> in(CalicoApiGroup group) {
        return switch (group) {
            case CRD_V1 -> CalicoHostEndpointResource.class;
            case PROJECTCALICO_V3 -> InV3.class;
        };
    }

    /** A HostEndpoint of {@code projectcalico.org/v3} (Calico 3.32's v3 CRDs), stored as given. */
    @Group("projectcalico.org")
    @Version("v3")
    @Kind("HostEndpoint")
    @Plural("hostendpoints")
    public static final class InV3 extends CalicoHostEndpointResource {
        private static final long serialVersionUID = 1L;

        public InV3() {
            setApiVersion(CalicoApiGroup.PROJECTCALICO_V3.apiVersion());
        }
    }
}
