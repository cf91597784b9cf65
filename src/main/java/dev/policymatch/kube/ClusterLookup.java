package dev.policymatch.kube;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Whether Fabric8's {@code Config.autoConfigure} would find a cluster when no {@code --kubeconfig} is
 * given, looking where it looks: the files of {@code $KUBECONFIG}, {@code ~/.kube/config}, a pod's
 * service account (its token file and {@code $KUBERNETES_SERVICE_HOST}), and {@code $KUBERNETES_MASTER}.
 * Without any of them Fabric8 falls back to {@code https://kubernetes.default.svc}, which fails late
 * and obscurely, so commands check first and say where they looked.
 */
public record ClusterLookup(Map<String, String> environment, Path home, Path serviceAccountToken) {

    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    public static ClusterLookup ofThisProcess() {
        return new ClusterLookup(System.getenv(), Path.of(System.getProperty("user.home")), SERVICE_ACCOUNT_TOKEN);
    }

    public boolean found() {
        return kubeconfigVariableNamesAFile() || Files.isRegularFile(homeKubeconfig()) || inPodWithToken()
                || isSet("KUBERNETES_MASTER");
    }

    /** One line naming every place looked at and what was there, for the error when nothing was found. */
    public String whereLooked() {
        List<String> pod = new ArrayList<>();
        if (!isSet("KUBERNETES_SERVICE_HOST")) {
            pod.add("$KUBERNETES_SERVICE_HOST not set");
        }
        if (!Files.isRegularFile(serviceAccountToken)) {
            pod.add("no " + serviceAccountToken);
        }
        return "no --kubeconfig, $KUBECONFIG " + (isSet("KUBECONFIG")
                ? "names no existing file (" + environment.get("KUBECONFIG") + ")" : "not set")
                + ", no " + homeKubeconfig() + ", not in a pod with a service-account token ("
                + String.join(", ", pod) + ")";
    }

    private Path homeKubeconfig() {
        return home.resolve(".kube").resolve("config");
    }

    private boolean kubeconfigVariableNamesAFile() {
        return isSet("KUBECONFIG") && Arrays.stream(environment.get("KUBECONFIG").split(File.pathSeparator))
                .anyMatch(file -> !file.isBlank() && Files.isRegularFile(Path.of(file)));
    }

    private boolean inPodWithToken() {
        return isSet("KUBERNETES_SERVICE_HOST") && Files.isRegularFile(serviceAccountToken);
    }

    private boolean isSet(String variable) {
        String value = environment.get(variable);
        return value != null && !value.isBlank();
    }
}
