package dev.policymatch.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.devcluster.auth.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * deploy/'s identity and permissions for the operator on the embedded server: the namespace, the
 * ServiceAccount, the ClusterRole, the leader-election Role and their bindings, as
 * {@code kubectl apply -k deploy/} would create them, and a token for the service account. An
 * operator whose client sends that token is refused (403) whatever deploy/ does not grant.
 */
public final class ShippedRbac {

    public static final String NAMESPACE = "policymatch-system";
    public static final String SERVICE_ACCOUNT = "policymatch-operator";
    /** The user name the operator's requests are authorized as. */
    public static final String OPERATOR = User.serviceAccount(NAMESPACE, SERVICE_ACCOUNT).name();

    static final Path DEPLOY = Path.of("deploy");
    private static final Set<String> KINDS =
            Set.of("Namespace", "ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    private static final YAMLMapper YAML = new YAMLMapper();

    private ShippedRbac() {
    }

    /** Applies deploy/'s RBAC files and returns a token of the operator's service account. */
    public static String apply(EmbeddedApiServer server) {
        server.apply(NAMESPACE, files().toArray(Path[]::new));
        return server.createToken(NAMESPACE, SERVICE_ACCOUNT);
    }

    /** The files deploy/kustomization.yaml lists that hold only RBAC objects, the namespace and the service account. */
    public static List<Path> files() {
        List<Path> files = new ArrayList<>();
        for (JsonNode resource : read(DEPLOY.resolve("kustomization.yaml")).get(0).path("resources")) {
            Path file = DEPLOY.resolve(resource.asText());
            if (read(file).stream().allMatch(d -> KINDS.contains(d.path("kind").asText()))) {
                files.add(file);
            }
        }
        return files;
    }

    private static List<JsonNode> read(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            List<JsonNode> documents = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> {
                if (d != null && d.isObject()) {
                    documents.add(d);
                }
            });
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
