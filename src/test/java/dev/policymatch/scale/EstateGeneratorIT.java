package dev.policymatch.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.devcluster.ApiFaults;
import dev.policymatch.devcluster.ApiRequest.Verb;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.kube.KubernetesClientFactory;
import dev.policymatch.scale.EstateGenerator.Estate;
import dev.policymatch.scale.EstateGenerator.Size;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EstateGeneratorIT {

    @Test
    void loadsAnEstateIntoTheEmbeddedServerWithParallelCreates() {
        Estate estate = EstateGenerator.generate(new Size(1_000, 100), 7);
        ApiFaults faults = new ApiFaults();
        try (EmbeddedApiServer server = EmbeddedApiServer.start(0, KubernetesClientFactory.withDefaultTimeouts(), faults)) {
            server.installCrds(EstateGenerator.CALICO_CRDS);
            faults.counts().reset();

            Duration took = EstateGenerator.load(server, estate, Integer.getInteger("estate.threads", 4));

            var client = server.client();
            assertThat(client.genericKubernetesResources(ResourceKind.HOST_ENDPOINT.context()).list().getItems())
                    .hasSize(1_000);
            assertThat(client.genericKubernetesResources(ResourceKind.GLOBAL_NETWORK_POLICY.context()).list()
                    .getItems()).hasSize(estate.globalNetworkPolicies().size());
            assertThat(client.genericKubernetesResources(ResourceKind.NETWORK_POLICY.context()).inAnyNamespace()
                    .list().getItems()).hasSize(estate.networkPolicies().size());
            assertThat(client.genericKubernetesResources(ResourceKind.PROFILE.context()).list().getItems())
                    .hasSize(13);
            assertThat(faults.counts().succeeded(Verb.CREATE, "hostendpoints")).isEqualTo(1_000);
            System.out.printf("loaded %d objects in %d ms (%.2f ms each)%n", estate.size(), took.toMillis(),
                    took.toNanos() / 1e6 / estate.size());
            assertThat(took).isLessThan(Duration.ofSeconds(30));
        }
    }

    /** The pods as the server stores them (status included) are the endpoints the generator meant. */
    @Test
    void loadsAMixedEstateWhosePodsReadBackAsWorkloadEndpoints() throws Exception {
        Size size = Size.mixed(1_000);
        Estate estate = EstateGenerator.generate(size, 7);
        try (EmbeddedApiServer server = EmbeddedApiServer.start(0, KubernetesClientFactory.withDefaultTimeouts())) {
            server.installCrds(EstateGenerator.CALICO_CRDS, Path.of("crds"));

            EstateGenerator.load(server, estate, 4);

            KubernetesClient client = server.client();
            assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                    .containsAll(estate.namespaces().stream().map(n -> n.getMetadata().getName()).toList());
            assertThat(client.serviceAccounts().inAnyNamespace().list().getItems())
                    .hasSize(estate.serviceAccounts().size());
            assertThat(client.network().v1().networkPolicies().inAnyNamespace().list().getItems())
                    .hasSize(estate.kubernetesNetworkPolicies().size());
            ResourceConverter converter = new ResourceConverter();
            int endpoints = 0;
            for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
                if (converter.convert(Serialization.jsonMapper().valueToTree(pod)) instanceof Conversion.Converted) {
                    endpoints++;
                }
            }
            assertThat(endpoints).isEqualTo(size.pods());
        }
    }
}
