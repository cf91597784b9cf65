package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.policymatch.kube.KubernetesClientFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lists in chunks ({@code limit}/{@code continue}) through a Fabric8 client, as kube-apiserver serves
 * them (Kubernetes API concepts, "Retrieving large results sets in chunks").
 */
class ListChunksIT {

    /** Created out of key order, so that a chunk in store order would differ from one in key order. */
    private static final List<String> CREATED = List.of("b/m2", "a/z", "b/m1", "a/c", "c/a");
    private static final List<String> KEY_ORDER = List.of("a/c", "a/z", "b/m1", "b/m2", "c/a");

    private EmbeddedApiServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = EmbeddedApiServer.start(0, new KubernetesClientFactory(Duration.ofSeconds(10), Duration.ofSeconds(5)));
        client = server.client();
        for (String key : CREATED) {
            String[] parts = key.split("/");
            client.configMaps().inNamespace(parts[0]).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(parts[1]).addToLabels("odd", String.valueOf(CREATED.indexOf(key) % 2 == 1))
                    .endMetadata().build()).create();
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void chunksFollowKeyOrderCarryTheFirstResourceVersionAndCountWhatRemains() {
        ConfigMapList first = list(new ListOptionsBuilder().withLimit(2L).build());
        assertThat(keys(first)).containsExactly("a/c", "a/z");
        assertThat(first.getMetadata().getContinue()).isNotBlank();
        assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(3L);

        ConfigMapList second = list(new ListOptionsBuilder().withLimit(2L)
                .withContinue(first.getMetadata().getContinue()).build());
        assertThat(keys(second)).containsExactly("b/m1", "b/m2");
        assertThat(second.getMetadata().getRemainingItemCount()).isEqualTo(1L);
        assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());

        ConfigMapList last = list(new ListOptionsBuilder().withLimit(2L)
                .withContinue(second.getMetadata().getContinue()).build());
        assertThat(keys(last)).containsExactly("c/a");
        assertThat(last.getMetadata().getContinue()).isNullOrEmpty();
        assertThat(last.getMetadata().getRemainingItemCount()).isNull();
    }

    @Test
    void aNamespacedListAndASelectedListAreChunkedToo() {
        ConfigMapList inB = client.configMaps().inNamespace("b").list(new ListOptionsBuilder().withLimit(1L).build());
        assertThat(keys(inB)).containsExactly("b/m1");
        assertThat(inB.getMetadata().getRemainingItemCount()).isEqualTo(1L);

        // A selector hides how many of the remaining objects it selects: no count, as on a real server.
        ConfigMapList odd = list(new ListOptionsBuilder().withLimit(1L).withLabelSelector("odd=true").build());
        assertThat(keys(odd)).containsExactly("a/c");
        assertThat(odd.getMetadata().getRemainingItemCount()).isNull();
        ConfigMapList rest = list(new ListOptionsBuilder().withLimit(1L).withLabelSelector("odd=true")
                .withContinue(odd.getMetadata().getContinue()).build());
        assertThat(keys(rest)).containsExactly("a/z");
        assertThat(rest.getMetadata().getContinue()).isNullOrEmpty();
    }

    @Test
    void fabric8FollowsTheTokensToTheWholeList() {
        List<String> all = new ArrayList<>();
        List<Integer> chunkSizes = new ArrayList<>();
        String token = null;
        do {
            ConfigMapList chunk = list(new ListOptionsBuilder().withLimit(2L).withContinue(token).build());
            all.addAll(keys(chunk));
            chunkSizes.add(chunk.getItems().size());
            token = chunk.getMetadata().getContinue();
        } while (token != null && !token.isEmpty());
        assertThat(all).isEqualTo(KEY_ORDER);
        assertThat(chunkSizes).containsExactly(2, 2, 1);
    }

    @Test
    void withoutALimitTheListIsWhole() {
        ConfigMapList whole = client.configMaps().inAnyNamespace().list();
        assertThat(keys(whole)).containsExactlyInAnyOrderElementsOf(KEY_ORDER);
        assertThat(whole.getMetadata().getContinue()).isNullOrEmpty();
    }

    @Test
    void aTokenThatDoesNotDecodeIsABadRequestNamingTheParameter() {
        String notJson = Base64.getUrlEncoder().encodeToString("nope".getBytes(StandardCharsets.UTF_8));
        for (String token : List.of("%%%not-base64", notJson)) {
            assertThatThrownBy(() -> list(new ListOptionsBuilder().withLimit(2L).withContinue(token).build()))
                    .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(400);
                        assertThat(e.getStatus().getReason()).isEqualTo("BadRequest");
                        assertThat(e.getStatus().getMessage()).startsWith("invalid continue token: ");
                    });
        }
    }

    private ConfigMapList list(ListOptions options) {
        return client.configMaps().inAnyNamespace().list(options);
    }

    private static List<String> keys(ConfigMapList list) {
        return list.getItems().stream().map(ListChunksIT::key).toList();
    }

    private static String key(ConfigMap map) {
        return map.getMetadata().getNamespace() + "/" + map.getMetadata().getName();
    }
}
