package dev.policymatch.operator.report;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes reports whose endpoint object (HostEndpoint or Pod) no longer exists, or is outside the report
 * scope (after a restart with a narrower one, say). Kubernetes' garbage collector does this through the
 * owner reference on a real cluster, but it can lag, the embedded API server has none, and an endpoint
 * deleted while the operator was down leaves no event to react to.
 *
 * <p>Reads the controllers' caches, not the API server: listing every report and pod again each period
 * would hold them all at once, the very thing the {@link ReportLedger} avoids. It sweeps only once every
 * cache has synced (after a restart or a change of leader). A report is created by reconciling an
 * endpoint that is already in the endpoint cache, so a report in the report cache whose endpoint is not
 * there belongs to an endpoint that is gone. A report is matched to its endpoint by its name, never by its owner
 * reference, which anyone who may edit the report can point elsewhere. A pod that exists but has no
 * workload endpoint (host-networked, unscheduled) is its controller's business, not the sweeper's.
 */
public final class StaleReportSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(StaleReportSweeper.class);

    private final ReportWriter writer;
    private final List<Supplier<ReportFamily>> families;
    private final BooleanSupplier cachesSynced;

    /**
     * @param families     each controller's reports (available once its event sources are prepared)
     * @param cachesSynced whether every controller's caches have listed their kinds
     */
    public StaleReportSweeper(ReportWriter writer, List<Supplier<ReportFamily>> families,
            BooleanSupplier cachesSynced) {
        this.writer = writer;
        this.families = families;
        this.cachesSynced = cachesSynced;
    }

    /** Whether the caches have synced, so that a sweep can tell stale reports. */
    public boolean ready() {
        return cachesSynced.getAsBoolean();
    }

    /** Returns the reports it deleted, as {@code namespace/name}; none while the caches are not synced. */
    public List<String> sweep() {
        if (!ready()) {
            LOG.debug("Stale-report sweep skipped: the caches have not synced yet");
            return List.of();
        }
        List<String> deleted = new ArrayList<>();
        for (Supplier<ReportFamily> supplier : families) {
            ReportFamily family = supplier.get();
            List<ResourceID> stale = family.reports().filter(family::isStale).toList();
            for (ResourceID report : stale) {
                String namespace = report.getNamespace().orElse(null);
                writer.delete(namespace, report.getName(), "its endpoint is gone or out of the report scope");
                deleted.add(namespace + "/" + report.getName());
            }
            if (!stale.isEmpty()) {
                LOG.info("Removed {} stale report(s) of deleted or out-of-scope {}", stale.size(), family.endpoints());
            }
        }
        return deleted;
    }
}
