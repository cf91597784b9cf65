package dev.policymatch.match;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where each label selectors see on an endpoint comes from, and the written labels they do not see
 * ({@code calicoq explain}). Built by {@link EffectiveLabels} from the same chain matching reads, so the values
 * here are exactly {@link EndpointMatch#effectiveLabels()}.
 *
 * @param labels the effective labels by key
 * @param unused labels written on the endpoint or a listed profile that lose: dropped, overridden or shadowed
 */
public record LabelProvenance(SortedMap<String, LabelOrigin> labels, List<UnusedLabel> unused) {

    public LabelProvenance {
        labels = Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        unused = List.copyOf(unused);
    }

    /** Where an effective label's value is set. */
    public enum Source {
        /** The endpoint's own labels. */
        ENDPOINT,
        /** Set by Calico from the workload's namespace or orchestrator ({@code updateLabelsForStorage}). */
        CALICO,
        /** A namespace's profile ({@code kns.<namespace>}): the {@code pcns.} labels. */
        NAMESPACE,
        /** A service account's profile ({@code ksa.<namespace>.<name>}): the {@code pcsa.} labels. */
        SERVICE_ACCOUNT,
        /** Another profile's {@code labelsToApply}. */
        PROFILE
    }

    /** Why a written label is not what selectors see. */
    public enum Reason {
        /** A workload's own {@code pcns.}/{@code pcsa.} label: Calico drops it. */
        DROPPED,
        /** A workload's own namespace or orchestrator label with another value: Calico sets its own. */
        OVERRIDDEN_BY_CALICO,
        /** A profile's label the endpoint or an earlier listed profile also sets. */
        SHADOWED
    }

    /** @param profile the profile that sets it; null for {@link Source#ENDPOINT} and {@link Source#CALICO} */
    public record LabelOrigin(String value, Source source, String profile) {
    }

    /** @param profile the profile that writes it; null for the endpoint's own label */
    public record UnusedLabel(String key, String value, Reason reason, String profile) {
    }

    /** The profiles whose value for {@code key} is shadowed, in the endpoint's order. */
    public List<String> shadowingProfiles(String key) {
        return unused.stream().filter(label -> label.reason() == Reason.SHADOWED && label.key().equals(key))
                .map(UnusedLabel::profile).toList();
    }
}
