package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.devcluster.auth.RbacPolicy;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The RBAC objects in the server's store as an {@link RbacPolicy}, read again only after one of
 * them changed (as kube-apiserver's RBAC authorizer works from informer caches).
 */
final class StoredRbac implements Supplier<RbacPolicy> {

    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1/";

    private record Snapshot(long generation, RbacPolicy policy) {
    }

    private final Function<String, MockResponse> read;
    private final AtomicLong changes = new AtomicLong();
    private volatile Snapshot snapshot = new Snapshot(-1, RbacPolicy.EMPTY);

    /** @param read the store's answer to a GET of a path */
    StoredRbac(Function<String, MockResponse> read) {
        this.read = read;
    }

    /** Called for every write to the store; notes the ones that change RBAC objects. */
    void written(String path) {
        if (path == null || path.startsWith(RBAC)) {
            changes.incrementAndGet();
        }
    }

    @Override
    public RbacPolicy get() {
        long generation = changes.get();
        Snapshot current = snapshot;
        if (current.generation() == generation) {
            return current.policy();
        }
        RbacPolicy policy = RbacPolicy.of(items("clusterroles"), items("roles"), items("clusterrolebindings"),
                items("rolebindings"));
        snapshot = new Snapshot(generation, policy);
        return policy;
    }

    private JsonNode items(String plural) {
        MockResponse response = read.apply(RBAC + plural);
        if (response.code() != 200) {
            return Json.MAPPER.createArrayNode();
        }
        return Json.read(response.getBody().readUtf8()).path("items");
    }
}
