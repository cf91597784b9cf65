package dev.policymatch.operator.report;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.stream.Stream;

/** One controller's reports as its caches show them, for the {@link StaleReportSweeper}. */
public interface ReportFamily {

    /** What the endpoints are, for the log ("host endpoints", "pods"). */
    String endpoints();

    /** Every report of the family in the report cache. */
    Stream<ResourceID> reports();

    /** Whether no endpoint in the endpoint cache that the report scope covers has this report. */
    boolean isStale(ResourceID report);
}
