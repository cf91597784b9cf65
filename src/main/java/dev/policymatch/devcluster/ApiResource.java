package dev.policymatch.devcluster;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * One resource type as discovery describes it ({@code /api/v1}, {@code /apis/<group>/<version>}),
 * with the printer columns the server uses for kubectl's tables.
 */
record ApiResource(
        String group,
        String version,
        String plural,
        String singular,
        String kind,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        boolean statusSubresource,
        List<CustomResourceColumnDefinition> printerColumns) {

    static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** The Kubernetes kinds the embedded server stores besides custom resources. */
    static final List<ApiResource> BUILT_IN = List.of(
            builtIn("", "namespaces", "namespace", "Namespace", false, "ns"),
            builtIn("", "events", "event", "Event", true, "ev"),
            builtIn("", "pods", "pod", "Pod", true, "po"),
            builtIn("", "services", "service", "Service", true, "svc"),
            builtIn("", "serviceaccounts", "serviceaccount", "ServiceAccount", true, "sa"),
            builtIn("", "configmaps", "configmap", "ConfigMap", true, "cm"),
            builtIn("networking.k8s.io", "networkpolicies", "networkpolicy", "NetworkPolicy", true, "netpol"),
            new ApiResource("coordination.k8s.io", "v1", "leases", "lease", "Lease", true,
                    List.of(), List.of(), false, List.of()),
            rbac("roles", "role", "Role", true),
            rbac("clusterroles", "clusterrole", "ClusterRole", false),
            rbac("rolebindings", "rolebinding", "RoleBinding", true),
            rbac("clusterrolebindings", "clusterrolebinding", "ClusterRoleBinding", false),
            new ApiResource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "customresourcedefinition",
                    "CustomResourceDefinition", false, List.of("crd", "crds"), List.of(), true, List.of()));

    ApiResource {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        printerColumns = List.copyOf(printerColumns);
    }

    private static ApiResource builtIn(String group, String plural, String singular, String kind, boolean namespaced,
            String shortName) {
        return new ApiResource(group, "v1", plural, singular, kind, namespaced, List.of(shortName), List.of(),
                false, List.of());
    }

    private static ApiResource rbac(String plural, String singular, String kind, boolean namespaced) {
        return new ApiResource("rbac.authorization.k8s.io", "v1", plural, singular, kind, namespaced, List.of(),
                List.of(), false, List.of());
    }

    /** One entry per served version of the CRD. */
    static List<ApiResource> fromCrd(CustomResourceDefinition crd) {
        var spec = crd.getSpec();
        var names = spec.getNames();
        List<ApiResource> result = new ArrayList<>();
        for (CustomResourceDefinitionVersion version : spec.getVersions()) {
            if (Boolean.FALSE.equals(version.getServed())) {
                continue;
            }
            boolean status = version.getSubresources() != null && version.getSubresources().getStatus() != null;
            List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns() == null
                    ? List.of() : version.getAdditionalPrinterColumns();
            result.add(new ApiResource(spec.getGroup(), version.getName(), names.getPlural(),
                    names.getSingular() == null ? names.getKind().toLowerCase() : names.getSingular(),
                    names.getKind(), "Namespaced".equals(spec.getScope()),
                    names.getShortNames() == null ? List.of() : names.getShortNames(),
                    names.getCategories() == null ? List.of() : names.getCategories(),
                    status, columns));
        }
        return result;
    }

    String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
