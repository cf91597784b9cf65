package dev.policymatch.operator.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.Profile;
import dev.policymatch.operator.events.WarningEvents;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's index holds Calico's {@code projectcalico-default-allow} profile as Calico's datastores serve it
 * (libcalico-go {@code lib/resources/static.go}), though no object stores it, and a stored Profile of that name
 * neither replaces it nor, deleted, takes it away.
 */
class DefaultAllowProfileIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final EmbeddedApiServer server = EmbeddedApiServer.start(0);
    private CalicoInputs inputs;

    @AfterEach
    void close() {
        if (inputs != null) {
            inputs.close();
        }
        server.close();
    }

    private GenericKubernetesResource storeProfile(String name) {
        GenericKubernetesResource profile = server.client().getKubernetesSerialization().unmarshal("""
                apiVersion: crd.projectcalico.org/v1
                kind: Profile
                metadata: {name: %s}
                spec:
                  labelsToApply: {tier: gold}
                  ingress: [{action: Deny}]
                """.formatted(name), GenericKubernetesResource.class);
        return server.client().genericKubernetesResources(ResourceKind.PROFILE.context()).resource(profile).create();
    }

    @Test
    void calicosDefaultAllowProfileIsThereAndAStoredOneOfItsNameChangesNothing() {
        server.installCrds(Path.of("crds/calico"));
        storeProfile("projectcalico-default-allow");
        storeProfile("gold");
        inputs = new CalicoInputs(server.client(), CalicoApiGroup.CRD_V1, new MatchIndex(),
                new WarningEvents(server.client(), Clock.systemUTC()), new DomainMetrics(new SimpleMeterRegistry()),
                ListPageSize.DEFAULT);
        inputs.start();

        assertThat(inputs.index().profile("gold")).get().extracting(Profile::labelsToApply)
                .isEqualTo(java.util.Map.of("tier", "gold"));
        assertThat(inputs.index().profile("projectcalico-default-allow")).contains(Profile.DEFAULT_ALLOW);

        server.client().genericKubernetesResources(ResourceKind.PROFILE.context())
                .withName("projectcalico-default-allow").delete();
        server.client().genericKubernetesResources(ResourceKind.PROFILE.context()).withName("gold").delete();
        await().atMost(WAIT).until(() -> inputs.index().profile("gold").isEmpty());
        assertThat(inputs.index().profile("projectcalico-default-allow")).contains(Profile.DEFAULT_ALLOW);
    }
}
