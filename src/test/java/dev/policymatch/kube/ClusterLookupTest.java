package dev.policymatch.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterLookupTest {

    @TempDir
    Path dir;

    private ClusterLookup lookup(Map<String, String> environment) {
        return new ClusterLookup(environment, dir.resolve("home"), dir.resolve("token"));
    }

    @Test
    void nothingAnywhereIsNoClusterAndTheMessageNamesEveryPlaceLooked() {
        ClusterLookup lookup = lookup(Map.of());
        assertThat(lookup.found()).isFalse();
        assertThat(lookup.whereLooked()).isEqualTo("no --kubeconfig, $KUBECONFIG not set, no "
                + dir.resolve("home/.kube/config") + ", not in a pod with a service-account token"
                + " ($KUBERNETES_SERVICE_HOST not set, no " + dir.resolve("token") + ")");
    }

    /** The case of a pod whose service-account token is not mounted. */
    @Test
    void aPodWithoutItsTokenIsNoCluster() {
        ClusterLookup lookup = lookup(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"));
        assertThat(lookup.found()).isFalse();
        assertThat(lookup.whereLooked()).endsWith("not in a pod with a service-account token (no "
                + dir.resolve("token") + ")");
    }

    @Test
    void aPodWithItsTokenIsACluster() throws Exception {
        Files.writeString(dir.resolve("token"), "t");
        assertThat(lookup(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1")).found()).isTrue();
        assertThat(lookup(Map.of()).found()).as("a token alone is not a pod").isFalse();
    }

    @Test
    void kubeconfigVariableCountsWhenOneOfItsFilesExists() throws Exception {
        Path missing = dir.resolve("missing");
        ClusterLookup none = lookup(Map.of("KUBECONFIG", missing.toString()));
        assertThat(none.found()).isFalse();
        assertThat(none.whereLooked()).contains("$KUBECONFIG names no existing file (" + missing + ")");
        Path present = Files.writeString(dir.resolve("config"), "apiVersion: v1");
        assertThat(lookup(Map.of("KUBECONFIG", missing + File.pathSeparator + present)).found()).isTrue();
    }

    @Test
    void kubeconfigInTheHomeDirectoryOrAMasterUrlCounts() throws Exception {
        assertThat(lookup(Map.of("KUBERNETES_MASTER", "https://10.0.0.1:6443")).found()).isTrue();
        Files.createDirectories(dir.resolve("home/.kube"));
        Files.writeString(dir.resolve("home/.kube/config"), "apiVersion: v1");
        assertThat(lookup(Map.of()).found()).isTrue();
    }
}
