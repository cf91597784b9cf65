package dev.policymatch.operator.report;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportStatus;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

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
        return kept;
    }

    /** An informer's cache of recorded reports. */
    private final class Store implements ItemStore<PolicyMatchReport> {
        private final BasicItemStore<PolicyMatchReport> reports = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

        @Override
        public PolicyMatchReport put(String key, PolicyMatchReport report) {
            return reports.put(key, record(report, reports.get(key)));
        }

        @Override
        public String getKey(PolicyMatchReport report) {
            return reports.getKey(report);
        }

        @Override
        public PolicyMatchReport remove(String key) {
            return reports.remove(key);
        }

        @Override
        public Stream<String> keySet() {
            return reports.keySet();
        }

        @Override
        public Stream<PolicyMatchReport> values() {
            return reports.values();
        }

        @Override
        public int size() {
            return reports.size();
        }

        @Override
        public PolicyMatchReport get(String key) {
            return reports.get(key);
        }
    }

    @Override
    public String toString() {
        return "ReportLedger{" + unseenWrites.size() + " unseen writes}";
    }
}
