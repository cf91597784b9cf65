package dev.policymatch.operator.report;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.operator.metrics.DomainMetrics.WriteResult;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes reports, only when they differ from the stored ones, the same way on a real API server and
 * on the embedded one: no server-side apply and no merge patch (the embedded server has no server-side
 * apply, and a merge patch replaces lists whole; docs/operator.md, "How the embedded server differs
 * from a real one"); a create without status, then full updates carrying the {@code resourceVersion}
 * read, of the object and then of the {@code status} subresource. A 409
 * (someone wrote in between, or our cache was behind) re-reads the report and decides again, a few
 * times; beyond that the exception goes to JOSDK, which retries the reconcile with backoff. A status
 * is cut to the {@link ReportBudget} before it is compared with the stored one and written.
 *
 * <p>The stored report comes from a cache that keeps only a digest of its status ({@link ReportLedger}):
 * a status is compared by {@link StatusDigest}, never whole.
 */
public final class ReportWriter {

    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
    static final int ATTEMPTS = 4;

    private final KubernetesClient client;
    private final DomainMetrics metrics;
    private final Clock clock;
    private final ReportBudget budget;
    private final ReportLedger ledger;

    public ReportWriter(KubernetesClient client, DomainMetrics metrics, Clock clock, ReportLedger ledger) {
        this.client = client;
        this.metrics = metrics;
        this.clock = clock;
        this.ledger = ledger;
        this.budget = new ReportBudget(client.getKubernetesSerialization());
    }

    /**
     * Makes the stored report equal to {@code desired} (its metadata name, namespace, labels, owner and
     * spec) with the status {@code statusFor} computes for the report's generation.
     *
     * @param stored the report as last seen (from the informer cache: recorded by {@link ReportLedger}, or
     *               whole), or null if none was seen
     * @return the report as stored after the writes, or {@code stored} when nothing was written
     */
    public PolicyMatchReport write(PolicyMatchReport desired, Function<Long, PolicyMatchReportStatus> statusFor,
            PolicyMatchReport stored) {
        String key = ReportLedger.key(desired.getMetadata());
        PolicyMatchReport current = ledger.cacheBehind(key, stored) ? read(desired) : stored;
        for (int attempt = 1; ; attempt++) {
            try {
                return writeOnce(desired, statusFor, current);
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == ATTEMPTS) {
                    metrics.write(e.getCode() == 409 ? WriteResult.CONFLICT : WriteResult.FAILED);
                    throw e;
                }
                metrics.write(WriteResult.CONFLICT);
                LOG.debug("conflict writing {}, re-reading: {}", desired.getMetadata().getName(), e.getMessage());
                current = read(desired);
            }
        }
    }

    /** The report as the server has it now, which supersedes whatever we wrote before. */
    private PolicyMatchReport read(PolicyMatchReport desired) {
        ledger.forget(ReportLedger.key(desired.getMetadata()));
        return reports(desired).withName(desired.getMetadata().getName()).get();
    }

    private PolicyMatchReport writeOnce(PolicyMatchReport desired, Function<Long, PolicyMatchReportStatus> statusFor,
            PolicyMatchReport stored) {
        PolicyMatchReport current = stored;
        if (current == null) {
            PolicyMatchReport fresh = new PolicyMatchReport();
            fresh.getMetadata().setName(desired.getMetadata().getName());
            fresh.getMetadata().setNamespace(desired.getMetadata().getNamespace());
            fresh.getMetadata().setLabels(new HashMap<>(desired.getMetadata().getLabels()));
            fresh.getMetadata().setOwnerReferences(desired.getMetadata().getOwnerReferences());
            fresh.setSpec(desired.getSpec());
            current = reports(desired).resource(fresh).create();
            ledger.wrote(current, StatusDigest.NONE);
            metrics.write(WriteResult.CREATED);
        } else if (!objectMatches(desired, current)) {
            PolicyMatchReport edited = withoutStatus(current);
            mergeLabels(edited, desired);
            edited.getMetadata().setOwnerReferences(desired.getMetadata().getOwnerReferences());
            edited.setSpec(desired.getSpec());
            // update() sends the resourceVersion we read: a concurrent write makes it fail with 409.
            current = reports(desired).resource(edited).update();
            ledger.wrote(current, StatusDigest.of(current.getStatus()));
            metrics.write(WriteResult.UPDATED);
        }
        PolicyMatchReportStatus computed = statusFor.apply(current.getMetadata().getGeneration());
        Optional<Fitted> status = statusToWrite(desired, computed, current.getStatus());
        if (status.isEmpty()) {
            return current;
        }
        LOG.debug("status of {} differs from the stored one, computed {}", desired.getMetadata().getName(),
                status.get().status());
        PolicyMatchReport withStatus = withoutStatus(current);
        withStatus.setStatus(status.get().status());
        PolicyMatchReport written = reports(desired).resource(withStatus).updateStatus();
        ledger.wrote(written, status.get().digest());
        metrics.write(WriteResult.STATUS_UPDATED);
        return written;
    }

    /** A status to write and its digest. */
    private record Fitted(PolicyMatchReportStatus status, StatusDigest digest) {
    }

    /** The computed status cut to the budget, with transition times; empty when the stored one is that. */
    private Optional<Fitted> statusToWrite(PolicyMatchReport desired, PolicyMatchReportStatus computed,
            PolicyMatchReportStatus stored) {
        StatusDigest storedDigest = ReportLedger.digestOf(stored);
        // Equal to the stored status, it was measured when written: a resync serializes nothing more.
        StatusDigest computedDigest = StatusDigest.of(computed);
        if (computedDigest.equals(storedDigest)) {
            return Optional.empty();
        }
        PolicyMatchReportStatus fitted = budget.fit(desired, computed, stored, clock.instant());
        StatusDigest fittedDigest = fitted == computed ? computedDigest : StatusDigest.of(fitted);
        return fittedDigest.equals(storedDigest) ? Optional.empty() : Optional.of(new Fitted(fitted, fittedDigest));
    }

    /**
     * Whether the stored report's object is the desired one: spec, owner references and our labels
     * (other labels a user added are left alone). The status is compared on its own.
     */
    static boolean objectMatches(PolicyMatchReport desired, PolicyMatchReport stored) {
        Map<String, String> labels = stored.getMetadata().getLabels();
        boolean labelsPresent = desired.getMetadata().getLabels().entrySet().stream()
                .allMatch(e -> labels != null && e.getValue().equals(labels.get(e.getKey())));
        return labelsPresent
                && Objects.equals(desired.getSpec(), stored.getSpec())
                && Objects.equals(desired.getMetadata().getOwnerReferences(), stored.getMetadata().getOwnerReferences());
    }

    /** A new cache for a report informer, recording reports in this writer's {@link ReportLedger}. */
    public ItemStore<PolicyMatchReport> newReportCache() {
        return ledger.newStore();
    }

    /** Deletes a report; whether there was one. {@code why} ends the log line ("its endpoint is gone"). */
    public boolean delete(String namespace, String name, String why) {
        try {
            boolean deleted = !client.resources(PolicyMatchReport.class).inNamespace(namespace).withName(name).delete()
                    .isEmpty();
            ledger.forget(namespace + "/" + name);
            if (deleted) {
                metrics.write(WriteResult.DELETED);
                LOG.info("Deleted report {}/{}: {}", namespace, name, why);
            }
            return deleted;
        } catch (KubernetesClientException e) {
            metrics.write(WriteResult.FAILED);
            throw e;
        }
    }

    private MixedOperation<PolicyMatchReport, KubernetesResourceList<PolicyMatchReport>, Resource<PolicyMatchReport>>
            reportsOperation() {
        return client.resources(PolicyMatchReport.class);
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<PolicyMatchReport,
            KubernetesResourceList<PolicyMatchReport>, Resource<PolicyMatchReport>> reports(PolicyMatchReport report) {
        return reportsOperation().inNamespace(report.getMetadata().getNamespace());
    }

    /**
     * A copy of the report's metadata and spec to send (a cached object is never modified in place); the
     * status is left out, being a recorded one when the report comes from the cache.
     */
    private PolicyMatchReport withoutStatus(PolicyMatchReport report) {
        PolicyMatchReport copy = new PolicyMatchReport();
        copy.setMetadata(client.getKubernetesSerialization().clone(report.getMetadata()));
        copy.setSpec(report.getSpec());
        return copy;
    }

    /** Our labels on top of whatever labels the stored report has (a user's own labels stay). */
    private static void mergeLabels(PolicyMatchReport target, PolicyMatchReport desired) {
        var labels = target.getMetadata().getLabels() == null ? new HashMap<String, String>()
                : new HashMap<>(target.getMetadata().getLabels());
        labels.putAll(desired.getMetadata().getLabels());
        target.getMetadata().setLabels(labels);
    }
}
