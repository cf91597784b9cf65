package dev.policymatch.source;

import dev.policymatch.source.document.CalicoApiGroup;
import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which group a cluster serves Calico's kinds in, decided once per cluster as Calico decides it
 * ({@code UsingV3CRDs} in {@code libcalico-go/lib/backend/k8s/discovery.go}, v3.32.1): a group given by the user wins;
 * otherwise {@code projectcalico.org/v3} when discovery lists {@code projectcalico.org} and not
 * {@code crd.projectcalico.org}, else {@code crd.projectcalico.org/v1}. With both, {@code projectcalico.org} is
 * Calico's API server on top of the v1 CRDs, whose objects are the ones stored. A discovery that fails means v1,
 * with a warning, as in Calico.
 */
public final class CalicoApiGroups {

    private static final Logger LOG = LoggerFactory.getLogger(CalicoApiGroups.class);

    private CalicoApiGroups() {
    }

    /** The group to read Calico's kinds from: {@code chosen} when present, else what the cluster serves. Logged. */
    public static CalicoApiGroup choose(KubernetesClient client, Optional<CalicoApiGroup> chosen) {
        if (chosen.isPresent()) {
            LOG.info("Reading Calico's kinds from API group {} (as configured)", chosen.get().apiVersion());
            return chosen.get();
        }
        CalicoApiGroup detected = detect(client);
        LOG.info("Reading Calico's kinds from API group {} (detected from the cluster's API groups)",
                detected.apiVersion());
        return detected;
    }

    private static CalicoApiGroup detect(KubernetesClient client) {
        Set<String> served;
        try {
            APIGroupList groups = client.getApiGroups();
            served = groups == null || groups.getGroups() == null ? Set.of()
                    : groups.getGroups().stream().map(APIGroup::getName).collect(Collectors.toSet());
        } catch (KubernetesClientException e) {
            LOG.warn("Cannot list the cluster's API groups ({}); assuming {}", e.getMessage(),
                    CalicoApiGroup.CRD_V1.apiVersion());
            return CalicoApiGroup.CRD_V1;
        }
        return of(served);
    }

    /** Calico's rule on the names of the groups a cluster serves. */
    static CalicoApiGroup of(Set<String> servedGroups) {
        boolean v3 = servedGroups.contains(CalicoApiGroup.PROJECTCALICO_V3.group());
        boolean v1 = servedGroups.contains(CalicoApiGroup.CRD_V1.group());
        return v3 && !v1 ? CalicoApiGroup.PROJECTCALICO_V3 : CalicoApiGroup.CRD_V1;
    }
}
