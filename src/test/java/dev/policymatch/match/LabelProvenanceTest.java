package dev.policymatch.match;

import static dev.policymatch.match.Fixtures.host;
import static dev.policymatch.match.Fixtures.labels;
import static dev.policymatch.match.Fixtures.pod;
import static dev.policymatch.match.Fixtures.profile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.policymatch.match.LabelProvenance.LabelOrigin;
import dev.policymatch.match.LabelProvenance.Reason;
import dev.policymatch.match.LabelProvenance.Source;
import dev.policymatch.match.LabelProvenance.UnusedLabel;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.model.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Where an endpoint's effective labels come from, and the written labels that lose, as explain shows them. */
class LabelProvenanceTest {

    @Test
    void aHostEndpointsOwnLabelsWinAndShadowedProfileLabelsAreListed() {
        Endpoint edge = host("edge1-eth0", labels("role", "edge", "zone", "a"), "missing", "edge", "extra");
        MatchIndex index = MatchIndex.builder()
                .profile(profile("edge", labels("role", "edge", "env", "prod")))
                .profile(profile("extra", labels("env", "dev", "team", "net")))
                .endpoint(edge).build();

        LabelProvenance provenance = index.labelProvenance(edge.key()).orElseThrow();

        assertThat(provenance.labels()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "env", new LabelOrigin("prod", Source.PROFILE, "edge"),
                "role", new LabelOrigin("edge", Source.ENDPOINT, null),
                "team", new LabelOrigin("net", Source.PROFILE, "extra"),
                "zone", new LabelOrigin("a", Source.ENDPOINT, null))));
        assertThat(provenance.unused()).containsExactly(
                new UnusedLabel("role", "edge", Reason.SHADOWED, "edge"),
                new UnusedLabel("env", "dev", Reason.SHADOWED, "extra"));
        assertThat(provenance.shadowingProfiles("role")).containsExactly("edge");
    }

    @Test
    void aWorkloadGetsCalicosNamespaceLabelsAndLosesItsOwnPrefixedOnes() {
        Endpoint api = pod("shop", "api", labels("app", "api", "projectcalico.org/namespace", "other",
                "pcns.team", "forged", "pcsa.name", "forged"), "kns.shop", "ksa.shop.api");
        MatchIndex index = MatchIndex.builder()
                .profile(profile("kns.shop", labels("pcns.team", "shop", "pcns.projectcalico.org/name", "shop")))
                .profile(profile("ksa.shop.api", labels("pcsa.projectcalico.org/name", "api")))
                .endpoint(api).build();

        LabelProvenance provenance = index.labelProvenance(api.key()).orElseThrow();

        assertThat(provenance.labels()).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "app", new LabelOrigin("api", Source.ENDPOINT, null),
                "pcns.projectcalico.org/name", new LabelOrigin("shop", Source.NAMESPACE, "kns.shop"),
                "pcns.team", new LabelOrigin("shop", Source.NAMESPACE, "kns.shop"),
                "pcsa.projectcalico.org/name", new LabelOrigin("api", Source.SERVICE_ACCOUNT, "ksa.shop.api"),
                "projectcalico.org/namespace", new LabelOrigin("shop", Source.CALICO, null),
                "projectcalico.org/orchestrator", new LabelOrigin("k8s", Source.CALICO, null))));
        assertThat(provenance.unused()).extracting(UnusedLabel::key, UnusedLabel::reason).containsExactly(
                tuple("pcns.team", Reason.DROPPED),
                tuple("pcsa.name", Reason.DROPPED),
                tuple("projectcalico.org/namespace", Reason.OVERRIDDEN_BY_CALICO));
    }

    @Test
    void anUnknownEndpointHasNoProvenanceAndProfilesAreLookedUpByName() {
        MatchIndex index = MatchIndex.builder().profile(profile("edge", labels("role", "edge"))).build();
        assertThat(index.labelProvenance(host("nope", labels()).key())).isEmpty();
        assertThat(index.profile("edge")).map(Profile::name).contains("edge");
        assertThat(index.profile("nope")).isEmpty();
    }

    /** The values are the labels matching uses, for every endpoint of random estates. */
    @Test
    void theValuesAreTheEffectiveLabelsOnRandomEstates() {
        Random random = new Random(11);
        for (int estate = 0; estate < 50; estate++) {
            MatchIndex.Builder builder = MatchIndex.builder();
            for (int i = 0; i < 6; i++) {
                builder.profile(RandomEstates.profile(random));
            }
            List<Endpoint> endpoints = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                endpoints.add(RandomEstates.endpoint(random));
            }
            MatchIndex index = builder.endpoints(endpoints).build();
            for (EndpointMatch match : index.matches()) {
                EndpointKey key = match.key();
                Map<String, String> values = new TreeMap<>();
                index.labelProvenance(key).orElseThrow().labels().forEach((k, origin) -> values.put(k, origin.value()));
                assertThat(values).as("%s", key).isEqualTo(match.effectiveLabels());
            }
        }
    }
}
