package dev.policymatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.policymatch.model.Profile;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.ManifestReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogEstateTest {

    /**
     * libcalico-go {@code lib/resources/static.go}: the profile Calico's datastores serve unstored, named
     * {@code projectcalico-default-allow}, no labels, ingress {@code [{action: Allow}]}, egress {@code [{action: Allow}]}.
     */
    @Test
    void calicosDefaultAllowProfileIsInEveryEstateAsCalicoDefinesIt() throws Exception {
        Catalog catalog = new ManifestReader(warning -> { }).read(List.of("examples/cluster-stored"));

        Profile profile = CatalogEstate.of(catalog).estate().profiles().get("projectcalico-default-allow");

        assertThat(profile).isEqualTo(Profile.DEFAULT_ALLOW);
        assertThat(profile.labelsToApply()).isEmpty();
        assertThat(profile.ingress()).singleElement().satisfies(rule -> {
            assertThat(rule.action()).isEqualTo("Allow");
            assertThat(rule.protocol()).isNull();
            assertThat(rule.source().selector()).isNull();
            assertThat(rule.destination().selector()).isNull();
        });
        assertThat(profile.egress()).isEqualTo(profile.ingress());
    }

    /** Calico refuses to create or update a profile of that name (lib/clientv3/profile.go); its own is served. */
    @Test
    void aManifestsProfileOfThatNameDoesNotReplaceIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("profile.yaml"), """
                apiVersion: projectcalico.org/v3
                kind: Profile
                metadata:
                  name: projectcalico-default-allow
                spec:
                  ingress:
                  - action: Deny
                """);
        Catalog catalog = new ManifestReader(warning -> { }).read(List.of(dir.toString()));

        assertThat(CatalogEstate.of(catalog).estate().profiles()).containsEntry(Profile.DEFAULT_ALLOW.name(),
                Profile.DEFAULT_ALLOW);
    }
}
