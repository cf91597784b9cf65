package dev.policymatch.source;

import dev.policymatch.model.CalicoObject;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Profile;
import dev.policymatch.model.Tier;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.source.document.CalicoResource;
import dev.policymatch.source.document.ResourceKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Everything read from a set of inputs, each resource with its location, in input order (files
 * sorted, documents in file order), plus the {@link ManifestProblem}s met on the way. Query commands
 * should refuse to run on a catalog with problems ({@link #requireNoProblems()}); {@code validate}
 * reports them.
 */
public record Catalog(
        List<Located<HostEndpoint>> hostEndpoints,
        List<Located<WorkloadEndpoint>> workloadEndpoints,
        List<Located<Policy>> policies,
        List<Located<Profile>> profiles,
        List<Located<Tier>> tiers,
        List<ManifestProblem> problems) {

    public Catalog {
        hostEndpoints = List.copyOf(hostEndpoints);
        workloadEndpoints = List.copyOf(workloadEndpoints);
        policies = List.copyOf(policies);
        profiles = List.copyOf(profiles);
        tiers = List.copyOf(tiers);
        problems = List.copyOf(problems);
    }

    /** Every resource of every kind, ordered by location (file, then line). */
    public List<Located<?>> all() {
        List<Located<?>> all = new ArrayList<>();
        all.addAll(hostEndpoints);
        all.addAll(workloadEndpoints);
        all.addAll(policies);
        all.addAll(profiles);
        all.addAll(tiers);
        all.sort(Comparator.comparing((Located<?> l) -> l.location().file())
                .thenComparingInt(l -> l.location().line()));
        return all;
    }

    public int size() {
        return hostEndpoints.size() + workloadEndpoints.size() + policies.size() + profiles.size() + tiers.size();
    }

    /** Throws the first problem as a {@link ManifestException}, for commands that need clean input. */
    public Catalog requireNoProblems() throws ManifestException {
        if (!problems.isEmpty()) {
            throw new ManifestException(problems.get(0).describe());
        }
        return this;
    }

    /** Collects resources as they are read; not thread-safe. */
    public static final class Builder {
        private final List<Located<HostEndpoint>> hostEndpoints = new ArrayList<>();
        private final List<Located<WorkloadEndpoint>> workloadEndpoints = new ArrayList<>();
        private final List<Located<Policy>> policies = new ArrayList<>();
        private final List<Located<Profile>> profiles = new ArrayList<>();
        private final List<Located<Tier>> tiers = new ArrayList<>();
        private final List<ManifestProblem> problems = new ArrayList<>();

        public Builder add(CalicoResource resource, SourceLocation location) {
            CalicoObject model = resource.model();
            ResourceKind kind = resource.kind();
            String name = resource.name();
            switch (model.family()) {
                case HOST_ENDPOINT -> hostEndpoints.add(new Located<>((HostEndpoint) model, kind, name, location));
                case WORKLOAD_ENDPOINT ->
                        workloadEndpoints.add(new Located<>((WorkloadEndpoint) model, kind, name, location));
                case POLICY -> policies.add(new Located<>((Policy) model, kind, name, location));
                case PROFILE -> profiles.add(new Located<>((Profile) model, kind, name, location));
                case TIER -> tiers.add(new Located<>((Tier) model, kind, name, location));
            }
            return this;
        }

        public Builder addProblem(ManifestProblem problem) {
            problems.add(problem);
            return this;
        }

        public Builder addAll(Catalog other) {
            hostEndpoints.addAll(other.hostEndpoints);
            workloadEndpoints.addAll(other.workloadEndpoints);
            policies.addAll(other.policies);
            profiles.addAll(other.profiles);
            tiers.addAll(other.tiers);
            problems.addAll(other.problems);
            return this;
        }

        public Catalog build() {
            return new Catalog(hostEndpoints, workloadEndpoints, policies, profiles, tiers, problems);
        }
    }
}
