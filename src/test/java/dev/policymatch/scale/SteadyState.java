package dev.policymatch.scale;

import dev.policymatch.devcluster.RequestCounts;
import dev.policymatch.operator.report.ReportNames;
import dev.policymatch.selector.Selector;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The steady state of a converged estate, as table rows ({@code what | result | target}): HostEndpoints and
 * pods relabelled one at a time, each timed from the edit until the driver sees its report carry the new
 * label; then one GlobalNetworkPolicy's selector changed, which must write exactly the reports whose effective
 * labels the old or the new selector matches.
 */
final class SteadyState {

    static final String LABEL = "bench";
    private static final int WARM_UP_CHANGES = 10;
    /** How many policies are tried for the narrowest one to change: selecting them all costs time at 100k. */
    private static final int POLICY_CANDIDATES = 50;

    /** One endpoint to relabel: its report ({@code namespace/name}) and how to set the label on it. */
    record Relabel(String report, Consumer<String> apply) {
    }

    private final KubernetesClient client;
    private final ReportWatch reports;
    private final RequestCounts counts;
    private final List<String> rows = new ArrayList<>();

    SteadyState(KubernetesClient client, ReportWatch reports, RequestCounts counts) {
        this.client = client;
        this.reports = reports;
        this.counts = counts;
    }

    List<String> rows() {
        return List.copyOf(rows);
    }

    static List<Relabel> hostEndpoints(KubernetesClient client, String reportNamespace,
            List<GenericKubernetesResource> heps) {
        return heps.stream().map(h -> h.getMetadata().getName()).map(name -> new Relabel(
                reportNamespace + "/" + ReportNames.forHostEndpoint(name),
                value -> client.genericKubernetesResources(ResourceKind.HOST_ENDPOINT.context()).withName(name)
                        .edit(h -> withLabel(h, value)))).toList();
    }

    static List<Relabel> pods(KubernetesClient client, List<GenericKubernetesResource> pods) {
        return pods.stream().map(p -> {
            String namespace = p.getMetadata().getNamespace();
            String name = p.getMetadata().getName();
            return new Relabel(namespace + "/" + ReportNames.forPod(name),
                    value -> client.pods().inNamespace(namespace).withName(name).edit(pod -> {
                        pod.getMetadata().getLabels().put(LABEL, value);
                        return pod;
                    }));
        }).toList();
    }

    private static GenericKubernetesResource withLabel(GenericKubernetesResource object, String value) {
        object.getMetadata().getLabels().put(LABEL, value);
        return object;
    }

    /** {@code changes} relabels of a fixed walk through {@code endpoints}, after a few untimed ones. */
    void labelChanges(String what, List<Relabel> endpoints, int changes) throws InterruptedException {
        for (int i = 0; i < WARM_UP_CHANGES; i++) {
            relabel(endpoints, changes + i, what);
        }
        long[] latencies = new long[changes];
        for (int i = 0; i < changes; i++) {
            latencies[i] = relabel(endpoints, i, what);
        }
        Distribution d = Distribution.of(latencies);
        rows.add(String.format(Locale.ROOT, "%s relabel → report (%d changes) | p50 %.0f ms, p99 %.0f ms, max %.0f ms"
                + " | p99 ≤ 100 ms", what, changes, d.median() / 1e6, d.p99() / 1e6, d.max() / 1e6));
    }

    private long relabel(List<Relabel> endpoints, int i, String what) throws InterruptedException {
        Relabel target = endpoints.get((int) ((i * 7919L) % endpoints.size()));
        String value = what.replace(' ', '-').toLowerCase(Locale.ROOT) + "-" + i;
        CountDownLatch seen = reports.awaitLabel(target.report(), LABEL, value);
        long t0 = System.nanoTime();
        target.apply().accept(value);
        if (!seen.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("report " + target.report() + " not updated within 30 s");
        }
        return System.nanoTime() - t0;
    }

    /**
     * Of the first GlobalNetworkPolicies without a namespaceSelector, the one that applies to the fewest reports
     * gets the selector {@code app in {...}} of about 100 reports. The reports that must change are those whose
     * effective labels the old or the new selector matches (evaluated with the project's {@link Selector}); the
     * driver checks that exactly those were written (their resourceVersion changed) and that the server counted
     * exactly that many report writes.
     */
    void policyChange(List<GenericKubernetesResource> globalPolicies) throws InterruptedException {
        Map<String, ReportWatch.Seen> before = reports.snapshot();
        GenericKubernetesResource policy = narrowest(globalPolicies, before);
        String oldText = (String) spec(policy).get("selector");
        Selector oldSelector = Selector.parse(oldText);
        String newText = selectorOfAbout100(before);
        Selector newSelector = Selector.parse(newText);
        Set<String> expected = before.entrySet().stream()
                .filter(e -> oldSelector.matches(e.getValue().labels()) || newSelector.matches(e.getValue().labels()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());

        counts.reset();
        long t0 = System.nanoTime();
        client.genericKubernetesResources(ResourceKind.GLOBAL_NETWORK_POLICY.context())
                .withName(policy.getMetadata().getName()).edit(p -> {
                    spec(p).put("selector", newText);
                    return p;
                });
        Await.until(Duration.ofSeconds(60), null, () -> expected.stream().allMatch(n -> written(before, n)));
        long allSeen = expected.stream().mapToLong(n -> reports.get(n).atNanos()).max().orElse(t0) - t0;
        Thread.sleep(3_000);
        Set<String> changed = before.keySet().stream().filter(n -> written(before, n)).collect(Collectors.toSet());
        long writes = counts.writes("policymatchreports");
        rows.add(String.format(Locale.ROOT, "policy selector change (%s: %s → %s) | %d reports expected to change,"
                        + " %d written, %d writes; all written in %.0f ms | exactly those, ≤ 2 s",
                policy.getMetadata().getName(), shorten(oldText), shorten(newText), expected.size(), changed.size(),
                writes, allSeen / 1e6));
        if (!changed.equals(expected) || writes != expected.size()) {
            rows.add("  MISMATCH: written but not expected " + minus(changed, expected)
                    + ", expected but not written " + minus(expected, changed));
        }
    }

    private boolean written(Map<String, ReportWatch.Seen> before, String report) {
        ReportWatch.Seen now = reports.get(report);
        return now != null && !Objects.equals(now.resourceVersion(), before.get(report).resourceVersion());
    }

    private static GenericKubernetesResource narrowest(List<GenericKubernetesResource> policies,
            Map<String, ReportWatch.Seen> reports) {
        Map<GenericKubernetesResource, Long> applied = new HashMap<>();
        policies.stream().filter(p -> !spec(p).containsKey("namespaceSelector")).limit(POLICY_CANDIDATES)
                .forEach(p -> {
                    Selector selector = Selector.parse((String) spec(p).get("selector"));
                    applied.put(p, reports.values().stream().filter(r -> selector.matches(r.labels())).count());
                });
        return applied.entrySet().stream()
                .min(Comparator.comparing((Map.Entry<GenericKubernetesResource, Long> e) -> e.getValue() == 0)
                        .thenComparing(Map.Entry::getValue))
                .map(Map.Entry::getKey)
                .orElseThrow(() -> new IllegalStateException("no GlobalNetworkPolicy without a namespaceSelector"));
    }

    /** Apps, in name order, of at most 50 reports each, until about 100 reports carry one of them. */
    private static String selectorOfAbout100(Map<String, ReportWatch.Seen> reports) {
        Map<String, Long> byApp = reports.values().stream().map(r -> r.labels().get("app")).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(a -> a, TreeMap::new, Collectors.counting()));
        List<String> chosen = new ArrayList<>();
        long matched = 0;
        for (Map.Entry<String, Long> app : byApp.entrySet()) {
            if (matched >= 100) {
                break;
            }
            if (app.getValue() <= 50) {
                chosen.add("'" + app.getKey() + "'");
                matched += app.getValue();
            }
        }
        return "app in {" + String.join(", ", chosen) + "}";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource object) {
        return (Map<String, Object>) object.getAdditionalProperties().get("spec");
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> r = new HashSet<>(a);
        r.removeAll(b);
        return r;
    }
}
