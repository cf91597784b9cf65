package dev.policymatch.operator.report;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.render.ReportTruncation;
import dev.policymatch.render.ReportTruncation.Part;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;

/**
 * Keeps each report under a size budget, so that an API server never refuses one: etcd takes a request
 * of at most 1.5 MiB, and an endpoint that 4,000 policies select with 4 matching rules each has a
 * 2.5 MB report, which would be refused on every retry, for ever.
 *
 * <p>The budget is 512 KiB of the JSON the client sends, a third of etcd's limit: the API server adds
 * metadata of its own (managed fields, which list every label key), users and tools may add labels and
 * annotations, and every watcher of reports (the operator's informer, Argo CD's cache) holds the whole
 * object. Over it, lists are cut in {@link Part}'s order, keeping their first entries, as many as fit
 * ({@link ReportTruncation}); counts stay exact. The CLI is not bound by this and gives everything.
 *
 * <p>Sizes are measured, not estimated: the report is serialized with the client's own serialization
 * (Fabric8 sends {@code asJson} of the object as the body of a create or update). Measured is what the
 * operator decides, its metadata (name, namespace, labels, owner), spec and status, transition times
 * included; not what the server assigned (uid, resourceVersion), which would make the cut move with
 * every write. A report within budget costs one serialization, and only when its status is about to be
 * written; a cut one a few more (six for the crowded endpoint: whole, without each list cut whole, and
 * three to find how many entries of the last one fit).
 */
public final class ReportBudget {

    public static final int MAX_BYTES = 512 * 1024;
    private static final int INTERPOLATIONS = 3;

    private final KubernetesSerialization serialization;
    private final int maxBytes;

    public ReportBudget(KubernetesSerialization serialization) {
        this(serialization, MAX_BYTES);
    }

    ReportBudget(KubernetesSerialization serialization, int maxBytes) {
        this.serialization = serialization;
        this.maxBytes = maxBytes;
    }

    /**
     * {@code full} when {@code desired} with it fits the budget, else the largest cut that fits, each with
     * transition times carried from {@code previous} (the stored status, or null).
     */
    public PolicyMatchReportStatus fit(PolicyMatchReport desired, PolicyMatchReportStatus full,
            PolicyMatchReportStatus previous, Instant now) {
        Measured over = measure(desired, full.carryTransitionTimes(previous, now));
        if (over.bytes() <= maxBytes) {
            return full;
        }
        EnumMap<Part, Integer> kept = ReportTruncation.sizes(full);
        for (Part part : Part.values()) {
            int all = kept.get(part);
            if (all == 0) {
                continue;
            }
            kept.put(part, 0);
            Measured without = measure(desired, cut(full, kept, previous, now));
            if (without.bytes() > maxBytes) {
                over = without;
                continue;
            }
            return mostEntriesThatFit(desired, full, kept, part, without, over, previous, now);
        }
        // Every list is empty and it is still over: only huge metadata or spec could do that.
        return over.status();
    }

    /**
     * Between none of {@code part} (fits) and all of it (over): the most entries that fit. Entries are
     * much alike, so interpolating between the sizes measured lands on or next to the answer; after
     * {@link #INTERPOLATIONS} steps the range is halved instead, which bounds the search when they are not.
     */
    private PolicyMatchReportStatus mostEntriesThatFit(PolicyMatchReport desired, PolicyMatchReportStatus full,
            EnumMap<Part, Integer> kept, Part part, Measured none, Measured all, PolicyMatchReportStatus previous,
            Instant now) {
        int fitting = 0;
        int tooMany = part.sizeIn(full);
        Measured best = none;
        Measured over = all;
        for (int step = 0; tooMany - fitting > 1; step++) {
            long interpolated = fitting + (long) (maxBytes - best.bytes()) * (tooMany - fitting)
                    / Math.max(1, over.bytes() - best.bytes());
            int next = step < INTERPOLATIONS ? (int) Math.max(fitting + 1, Math.min(tooMany - 1, interpolated))
                    : (fitting + tooMany) >>> 1;
            kept.put(part, next);
            Measured candidate = measure(desired, cut(full, kept, previous, now));
            if (candidate.bytes() <= maxBytes) {
                fitting = next;
                best = candidate;
            } else {
                tooMany = next;
                over = candidate;
            }
        }
        return best.status();
    }

    private record Measured(PolicyMatchReportStatus status, int bytes) {
    }

    /** The size in bytes of {@code report} as the client sends it: UTF-8 of Fabric8's JSON. */
    public int sizeOf(PolicyMatchReport report) {
        return serialization.asJson(report).getBytes(StandardCharsets.UTF_8).length;
    }

    private Measured measure(PolicyMatchReport desired, PolicyMatchReportStatus status) {
        PolicyMatchReport sent = new PolicyMatchReport();
        sent.setMetadata(desired.getMetadata());
        sent.setSpec(desired.getSpec());
        sent.setStatus(status);
        return new Measured(status, sizeOf(sent));
    }

    private PolicyMatchReportStatus cut(PolicyMatchReportStatus full, EnumMap<Part, Integer> kept,
            PolicyMatchReportStatus previous, Instant now) {
        return ReportTruncation.cut(full, kept, budgetText()).carryTransitionTimes(previous, now);
    }

    private String budgetText() {
        return maxBytes % 1024 == 0 ? maxBytes / 1024 + " KiB" : maxBytes + " bytes";
    }
}
