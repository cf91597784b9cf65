package dev.policymatch.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/** What an API server's answer, as Fabric8 throws it, means to PolicyMatch. */
public final class ApiErrors {

    private ApiErrors() {
    }

    /**
     * Whether the server answered 404 Not Found, anywhere in the cause chain: Fabric8 wraps the answer
     * when it comes through an informer or a watch. A kind the cluster does not serve (no CRD) answers
     * 404 to a list.
     */
    public static boolean isNotFound(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof KubernetesClientException answer
                    && answer.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return true;
            }
        }
        return false;
    }
}
