package dev.policymatch.diff;

import java.util.List;

/**
 * Where one side of a diff comes from.
 *
 * @param source {@code manifests}, {@code cluster} or {@code cluster+manifests} (the cluster with manifests
 *               applied on top)
 * @param paths  the manifest paths, in the order given
 * @param server the API server of a cluster side; null for manifests only
 */
public record SideDescription(String source, List<String> paths, String server) {
    public static final String MANIFESTS = "manifests";
    public static final String CLUSTER = "cluster";
    public static final String CLUSTER_AND_MANIFESTS = "cluster+manifests";

    public SideDescription {
        paths = List.copyOf(paths);
    }
}
