package dev.policymatch.scale;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.operator.report.ReportNames;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The operator's reports as the driver follows them: for each report ({@code namespace/name}) its
 * effective labels ({@code status.labels}) and its resourceVersion, which changes with every write. Reads
 * nothing else of a report, so it does not depend on the status's shape; keeps nothing else, so it fits
 * 100,000 reports. A list in pages, then a watch of every namespace.
 */
final class ReportWatch implements AutoCloseable {

    /** The reports' resource type, read as generic objects. */
    static final ResourceDefinitionContext REPORTS = new ResourceDefinitionContext.Builder()
            .withGroup(PolicyMatchReport.GROUP).withVersion(PolicyMatchReport.VERSION).withKind(PolicyMatchReport.KIND)
            .withPlural(PolicyMatchReport.PLURAL).withNamespaced(true).build();
    private static final long PAGE = 1_000;

    /** What the driver keeps of one report. */
    record Seen(Map<String, String> labels, String resourceVersion, long atNanos) {
    }

    private final Map<String, Seen> reports = new ConcurrentHashMap<>();
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final AtomicLong lastEvent = new AtomicLong(System.nanoTime());
    private final Watch watch;

    private record Waiting(String label, String value, CountDownLatch latch) {
    }

    private ReportWatch(KubernetesClient client) {
        forEachReport(client, this::seen);
        watch = client.genericKubernetesResources(REPORTS).inAnyNamespace()
                .withLabelSelector(ReportNames.managedSelector()).watch(new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, GenericKubernetesResource report) {
                        if (action == Action.DELETED) {
                            reports.remove(key(report));
                        } else if (action != Action.ERROR) {
                            seen(report);
                        }
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        System.err.println("report watch closed: " + cause);
                    }
                });
    }

    /**
     * Lists the reports, then watches them; returns once the events the watch replays on opening (the
     * embedded server sends every stored object as ADDED) have passed.
     */
    static ReportWatch start(KubernetesClient client) throws InterruptedException {
        ReportWatch watch = new ReportWatch(client);
        Await.until(Duration.ofMinutes(5), null,
                () -> System.nanoTime() - watch.lastEvent.get() > TimeUnit.SECONDS.toNanos(2));
        return watch;
    }

    /** Every report the operator manages, a page at a time, as generic objects: the JSON as the server keeps it. */
    static void forEachReport(KubernetesClient client, Consumer<GenericKubernetesResource> action) {
        String next = null;
        do {
            GenericKubernetesResourceList page = client.genericKubernetesResources(REPORTS).inAnyNamespace()
                    .withLabelSelector(ReportNames.managedSelector())
                    .list(new ListOptionsBuilder().withLimit(PAGE).withContinue(next).build());
            page.getItems().forEach(action);
            next = page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
    }

    static String key(GenericKubernetesResource report) {
        return report.getMetadata().getNamespace() + "/" + report.getMetadata().getName();
    }

    private void seen(GenericKubernetesResource report) {
        long now = System.nanoTime();
        lastEvent.set(now);
        String key = key(report);
        Map<String, String> labels = labels(report);
        reports.put(key, new Seen(labels, report.getMetadata().getResourceVersion(), now));
        Waiting w = waiting.get(key);
        if (w != null && w.value().equals(labels.get(w.label()))) {
            waiting.remove(key);
            w.latch().countDown();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> labels(GenericKubernetesResource report) {
        Object status = report.getAdditionalProperties().get("status");
        Object labels = status instanceof Map<?, ?> map ? map.get("labels") : null;
        return labels instanceof Map<?, ?> map ? Map.copyOf((Map<String, String>) map) : Map.of();
    }

    /** The reports as last seen, by {@code namespace/name}. */
    Map<String, Seen> snapshot() {
        return new HashMap<>(reports);
    }

    Seen get(String key) {
        return reports.get(key);
    }

    /** A latch that opens once report {@code key} shows {@code label: value}; register before making the change. */
    CountDownLatch awaitLabel(String key, String label, String value) {
        CountDownLatch latch = new CountDownLatch(1);
        waiting.put(key, new Waiting(label, value, latch));
        Seen now = reports.get(key);
        if (now != null && value.equals(now.labels().get(label))) {
            waiting.remove(key);
            latch.countDown();
        }
        return latch;
    }

    @Override
    public void close() {
        watch.close();
    }
}
