package dev.policymatch.operator.report;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.operator.cache.CompactObjects;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * What the operator remembers of the reports it writes, instead of the reports: the report informers'
 * caches ({@link #newStore()}) keep of each report its name, labels, owner, spec and resource version,
 * and of its status only a {@link RecordedStatus} (digest and condition times). Whether a computed
 * status is already stored is decided by digest. After a restart the informers page through the reports
 * once, and each page is reduced to this as it arrives.
 *
 * <p>It also holds the writes the caches have not seen yet: the digest of a status just written, so
 * that its own watch event is not digested again, and its resource version, so that a cache still
 * showing an older version (a create's event arriving after our status write) is known to be behind.
 * An entry lives only until a cache sees that version, the report is read from the server, or deleted.
 */
public final class ReportLedger {

    private record Written(String resourceVersion, StatusDigest digest) {
    }

    private final Map<String, Written> unseenWrites = new ConcurrentHashMap<>();

    /** A cache for one report informer; every informer needs its own (a re-list retains only its keys). */
    public ItemStore<PolicyMatchReport> newStore() {
        return new Store();
    }

    /** The digest of a status as the cache or the server gave it. */
    static StatusDigest digestOf(PolicyMatchReportStatus status) {
        return status instanceof RecordedStatus recorded ? recorded.digest() : StatusDigest.of(status);
    }

    /** Records our write of {@code written}, whose status has {@code digest}. */
    void wrote(PolicyMatchReport written, StatusDigest digest) {
        unseenWrites.put(key(written.getMetadata()), new Written(written.getMetadata().getResourceVersion(), digest));
    }

    /** Whether {@code cached} (null: none) is older than our last write of the report {@code key}. */
    boolean cacheBehind(String key, PolicyMatchReport cached) {
        Written written = unseenWrites.get(key);
        return written != null
                && (cached == null || !written.resourceVersion().equals(cached.getMetadata().getResourceVersion()));
    }

    /** The report was read from the server (or deleted): what we wrote before says nothing any more. */
    void forget(String key) {
        unseenWrites.remove(key);
    }

    static String key(ObjectMeta metadata) {
        return metadata.getNamespace() + "/" + metadata.getName();
    }

    /** What the cache keeps of {@code report}; {@code before} is what it kept of the report until now. */
    PolicyMatchReport record(PolicyMatchReport report, PolicyMatchReport before) {
        ObjectMeta metadata = report.getMetadata();
        String version = metadata.getResourceVersion();
        if (before != null && version != null && version.equals(before.getMetadata().getResourceVersion())) {
            return before; // a re-list: same version, already recorded
        }
        String key = key(metadata);
        Written ours = unseenWrites.get(key);
        StatusDigest digest;
        if (ours != null && ours.resourceVersion().equals(version)) {
            unseenWrites.remove(key, ours);
            digest = ours.digest();
        } else {
            digest = digestOf(report.getStatus());
        }
        PolicyMatchReport kept = new PolicyMatchReport();
        ObjectMeta keptMetadata = kept.getMetadata();
        keptMetadata.setName(metadata.getName());
        keptMetadata.setNamespace(metadata.getNamespace());
        keptMetadata.setResourceVersion(version);
        keptMetadata.setGeneration(metadata.getGeneration());
        keptMetadata.setLabels(metadata.getLabels());
        keptMetadata.setOwnerReferences(metadata.getOwnerReferences());
        kept.setSpec(report.getSpec());
        kept.setStatus(report.getStatus() == null ? null : new RecordedStatus(report.getStatus(), digest));
        return CompactObjects.compact(kept);
    }

    /**
     * An informer's cache of recorded reports: JOSDK's transforming cache, given the version kept before so
     * that a re-list of an unchanged report is not digested again. Full state, as {@code TrimmedItemStore}
     * says why: the first list's adds are delivered from this cache once the list is complete.
     */
    private final class Store extends TransformingItemStore<PolicyMatchReport> {
        Store() {
            super(UnaryOperator.identity());
        }

        @Override
        public PolicyMatchReport put(String key, PolicyMatchReport report) {
            return super.put(key, record(report, get(key)));
        }

        @Override
        public boolean isFullState() {
            return true;
        }
    }

    @Override
    public String toString() {
        return "ReportLedger{" + unseenWrites.size() + " unseen writes}";
    }
}
