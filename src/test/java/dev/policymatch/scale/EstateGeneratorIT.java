package dev.policymatch.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.devcluster.ApiFaults;
import dev.policymatch.devcluster.ApiRequest.Verb;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.kube.KubernetesClientFactory;
import dev.policymatch.scale.EstateGenerator.Estate;
import dev.policymatch.scale.EstateGenerator.Size;
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
            assertThat(client.genericKubernetesResources(EstateGenerator.context("HostEndpoint")).list().getItems())
                    .hasSize(1_000);
            assertThat(client.genericKubernetesResources(EstateGenerator.context("GlobalNetworkPolicy")).list()
                    .getItems()).hasSize(estate.globalNetworkPolicies().size());
            assertThat(client.genericKubernetesResources(EstateGenerator.context("NetworkPolicy")).inAnyNamespace()
                    .list().getItems()).hasSize(estate.networkPolicies().size());
            assertThat(client.genericKubernetesResources(EstateGenerator.context("Profile")).list().getItems())
                    .hasSize(13);
            assertThat(faults.counts().succeeded(Verb.CREATE, "hostendpoints")).isEqualTo(1_000);
            System.out.printf("loaded %d objects in %d ms (%.2f ms each)%n", estate.size(), took.toMillis(),
                    took.toNanos() / 1e6 / estate.size());
            assertThat(took).isLessThan(Duration.ofSeconds(30));
        }
    }
}
