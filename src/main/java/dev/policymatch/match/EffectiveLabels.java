package dev.policymatch.match;

import static dev.policymatch.model.CalicoVocabulary.LABEL_NAMESPACE;
import static dev.policymatch.model.CalicoVocabulary.LABEL_ORCHESTRATOR;
import static dev.policymatch.model.CalicoVocabulary.NAMESPACE_LABEL_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.NAMESPACE_PROFILE_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.SERVICE_ACCOUNT_LABEL_PREFIX;
import static dev.policymatch.model.CalicoVocabulary.SERVICE_ACCOUNT_PROFILE_PREFIX;

import dev.policymatch.match.LabelProvenance.LabelOrigin;
import dev.policymatch.match.LabelProvenance.Reason;
import dev.policymatch.match.LabelProvenance.Source;
import dev.policymatch.match.LabelProvenance.UnusedLabel;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.LabelMap;
import dev.policymatch.model.Profile;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.selector.LabelLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The labels selectors see on an endpoint, looked up through a chain instead of a merged copy: the
 * endpoint's own labels first, then each profile's {@code labelsToApply} in the order the endpoint lists
 * them (the first profile with the key wins), as Felix's label inheritance index does.
 *
 * <p>Workload endpoints get what Calico does to them before Felix sees them: a namespaced workload's
 * {@code projectcalico.org/namespace} and {@code projectcalico.org/orchestrator} labels are set from its
 * namespace and orchestrator, overriding any written ones (libcalico-go {@code updateLabelsForStorage});
 * and its own {@code pcns.}/{@code pcsa.} labels are dropped so it cannot pretend to be in another namespace
 * or service account (libcalico-go {@code workloadendpointprocessor.go}); those labels reach it only
 * through its namespace and service-account profiles.
 *
 * <p>{@link MatchIndex} resolves the chain once per endpoint change ({@link #toMap()}) and evaluates its
 * many selectors against the result, a {@link LabelMap}; the naive baseline evaluates through the chain.
 */
final class EffectiveLabels implements LabelLookup {

    private final SortedMap<String, String> own;
    private final String namespace;
    private final String orchestrator;
    private final boolean dropsPrefixed;
    private final List<SortedMap<String, String>> profiles;

    EffectiveLabels(Endpoint endpoint, List<SortedMap<String, String>> profileLabels) {
        this.own = endpoint.labels();
        boolean workload = endpoint instanceof WorkloadEndpoint;
        this.dropsPrefixed = workload;
        this.namespace = workload ? endpoint.namespace() : null;
        this.orchestrator = namespace != null ? ((WorkloadEndpoint) endpoint).orchestrator() : null;
        this.profiles = profileLabels;
    }

    @Override
    public String get(String key) {
        if (namespace != null) {
            if (key.equals(LABEL_NAMESPACE)) {
                return namespace;
            }
            if (orchestrator != null && key.equals(LABEL_ORCHESTRATOR)) {
                return orchestrator;
            }
        }
        if (!(dropsPrefixed && isPrefixed(key))) {
            String value = own.get(key);
            if (value != null) {
                return value;
            }
        }
        for (SortedMap<String, String> profile : profiles) {
            String value = profile.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The same labels as one sorted map, for results and for the label index. */
    LabelMap toMap() {
        TreeMap<String, String> merged = new TreeMap<>();
        for (int i = profiles.size() - 1; i >= 0; i--) {
            merged.putAll(profiles.get(i));
        }
        own.forEach((key, value) -> {
            if (!(dropsPrefixed && isPrefixed(key))) {
                merged.put(key, value);
            }
        });
        if (namespace != null) {
            merged.put(LABEL_NAMESPACE, namespace);
            if (orchestrator != null) {
                merged.put(LABEL_ORCHESTRATOR, orchestrator);
            }
        }
        return LabelMap.copyOf(merged);
    }

    /**
     * The chain once more, label by label: where each effective label comes from and which written labels
     * lose. {@code profiles} are the endpoint's profiles that exist, in its order.
     */
    static LabelProvenance provenance(Endpoint endpoint, List<Profile> profiles) {
        EffectiveLabels chain = new EffectiveLabels(endpoint,
                profiles.stream().map(Profile::labelsToApply).toList());
        SortedMap<String, LabelOrigin> origins = new TreeMap<>();
        List<UnusedLabel> unused = new ArrayList<>();
        if (chain.namespace != null) {
            origins.put(LABEL_NAMESPACE, new LabelOrigin(chain.namespace, Source.CALICO, null));
            if (chain.orchestrator != null) {
                origins.put(LABEL_ORCHESTRATOR, new LabelOrigin(chain.orchestrator, Source.CALICO, null));
            }
        }
        chain.own.forEach((key, value) -> {
            if (chain.dropsPrefixed && isPrefixed(key)) {
                unused.add(new UnusedLabel(key, value, Reason.DROPPED, null));
            } else if (origins.containsKey(key)) {
                if (!origins.get(key).value().equals(value)) {
                    unused.add(new UnusedLabel(key, value, Reason.OVERRIDDEN_BY_CALICO, null));
                }
            } else {
                origins.put(key, new LabelOrigin(value, Source.ENDPOINT, null));
            }
        });
        for (Profile profile : profiles) {
            profile.labelsToApply().forEach((key, value) -> {
                if (origins.containsKey(key)) {
                    unused.add(new UnusedLabel(key, value, Reason.SHADOWED, profile.name()));
                } else {
                    origins.put(key, new LabelOrigin(value, sourceOf(profile.name()), profile.name()));
                }
            });
        }
        return new LabelProvenance(origins, unused);
    }

    private static Source sourceOf(String profile) {
        return profile.startsWith(NAMESPACE_PROFILE_PREFIX) ? Source.NAMESPACE
                : profile.startsWith(SERVICE_ACCOUNT_PROFILE_PREFIX) ? Source.SERVICE_ACCOUNT : Source.PROFILE;
    }

    private static boolean isPrefixed(String key) {
        return key.startsWith(NAMESPACE_LABEL_PREFIX) || key.startsWith(SERVICE_ACCOUNT_LABEL_PREFIX);
    }
}
