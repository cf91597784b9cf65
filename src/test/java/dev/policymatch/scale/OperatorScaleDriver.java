package dev.policymatch.scale;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.devcluster.ApiFaults;
import dev.policymatch.devcluster.ApiRequest.Verb;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.devcluster.RequestCounts;
import dev.policymatch.kube.KubernetesClientFactory;
import dev.policymatch.selector.Selector;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The operator at scale: for each estate size, load the estate into the embedded API server
 * (before the clock starts), start the operator and time the cold start until every report's status is
 * written; on the last size also the steady state (label changes, a policy selector change) and a full
 * resync. Prints a table and draws convergence time against size with {@link ConvergencePlot}.
 *
 * <pre>
 * make bench-scale                                   # 1000,2000,5000,10000 endpoints
 * make bench-scale SCALE_ARGS="--sizes 1000 --changes 50"
 * </pre>
 *
 * The API server runs in this JVM (so that its request counts and busy time can be read directly);
 * the operator runs as in a cluster, in a JVM of its own with the JVM options deploy/deployment.yaml
 * gives it ({@link OperatorProcess}; {@code --operator-heap 384m} tries another heap limit), so that its
 * heap and its resident memory (RSS, what the container's memory limit counts) are its own. The time
 * the server spends answering ({@link RequestCounts#serverTime()}) is reported next to each wall-clock
 * time.
 */
public final class OperatorScaleDriver {

    private static final String NAMESPACE = "policymatch-system";
    private static final long SEED = 42;
    private static final Path WORK = Path.of("target", "scale");
    private static final int WARM_UP_CHANGES = 10;

    record ColdStart(int endpoints, int policies, Duration load, Duration convergence, Duration serverTime,
            long writes, long peakHeap, long heapAfterGc, Duration gcTime, Duration operatorCpu,
            ResidentMemory resident) {
        double writesPerSecond() {
            return writes / (convergence.toNanos() / 1e9);
        }
    }

    /** How the operator's JVM is started: deploy/'s environment ({@code JAVA_TOOL_OPTIONS}...), another -Xmx if asked. */
    record OperatorJvm(Map<String, String> environment, Optional<String> heapLimit) {
        String describe() {
            StringBuilder text = new StringBuilder();
            environment.forEach((name, value) -> text.append(name).append("=\"").append(value).append("\" "));
            return text + heapLimit.map(h -> "-Xmx" + h).orElse("");
        }

        OperatorProcess start(Path kubeconfig, Path log) {
            return OperatorProcess.start(kubeconfig, NAMESPACE, environment, heapLimit, log);
        }
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = List.of(1_000, 2_000, 5_000, 10_000);
        int changes = 200;
        Path png = Path.of("docs/scale-convergence.png");
        Optional<String> operatorHeap = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes" -> sizes = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--changes" -> changes = Integer.parseInt(args[++i]);
                case "--png" -> png = Path.of(args[++i]);
                case "--operator-heap" -> operatorHeap = Optional.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (--sizes 1000,2000 --changes 200 --operator-heap 768m --png docs/scale-convergence.png)");
            }
        }
        OperatorJvm jvm = new OperatorJvm(OperatorProcess.deployedEnvironment(), operatorHeap);
        List<ColdStart> runs = new ArrayList<>();
        List<String> steady = new ArrayList<>();
        for (int s = 0; s < sizes.size(); s++) {
            boolean last = s == sizes.size() - 1;
            runs.add(run(sizes.get(s), last ? changes : 0, jvm, steady));
        }
        printTable(runs, jvm, steady);
        if (sizes.size() > 1) {
            List<ConvergencePlot.Point> wall = runs.stream()
                    .map(r -> new ConvergencePlot.Point(r.endpoints(), r.convergence().toMillis() / 1e3)).toList();
            List<ConvergencePlot.Point> server = runs.stream()
                    .map(r -> new ConvergencePlot.Point(r.endpoints(), r.serverTime().toMillis() / 1e3)).toList();
            List<ConvergencePlot.Point> operator = runs.stream().map(r -> new ConvergencePlot.Point(r.endpoints(),
                    Math.max(0, r.convergence().minus(r.serverTime()).toMillis() / 1e3))).toList();
            int min = runs.get(0).endpoints();
            int max = runs.get(runs.size() - 1).endpoints();
            ConvergencePlot.render(png, "Cold start: every report written (embedded API server, operator JVM of deploy/"
                    + jvm.heapLimit().map(h -> " but -Xmx" + h).orElse("") + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores)", List.of(
                    new ConvergencePlot.Series("wall clock", wall),
                    new ConvergencePlot.Series("of which API server busy", server),
                    new ConvergencePlot.Series("wall clock minus server time", operator),
                    ConvergencePlot.Series.constant("target (60 s)", 60, min, max)));
            System.out.println("plot: " + png);
        }
        System.exit(0);
    }

    private static ColdStart run(int endpoints, int changes, OperatorJvm jvm, List<String> steady)
            throws Exception {
        int policies = Math.max(10, endpoints / 10);
        EstateGenerator.Estate estate = EstateGenerator.generate(new EstateGenerator.Size(endpoints, policies), SEED);
        ApiFaults faults = new ApiFaults();
        try (EmbeddedApiServer server = EmbeddedApiServer.start(0, KubernetesClientFactory.withDefaultTimeouts(),
                faults)) {
            server.installCrds(Path.of("crds"));
            server.ensureNamespace(NAMESPACE);
            Path kubeconfig = server.writeKubeconfig(WORK.resolve("kubeconfig"), NAMESPACE);
            System.out.printf("%,d endpoints, %,d policies: loading...%n", endpoints, policies);
            Duration load = EstateGenerator.load(server, estate, 4);
            System.out.printf("  loaded %,d objects in %.1f s%n", estate.size(), load.toMillis() / 1e3);

            RequestCounts counts = faults.counts();
            counts.reset();
            long start = System.nanoTime();
            ColdStart result;
            try (OperatorProcess operator = jvm.start(kubeconfig, WORK.resolve("operator-" + endpoints + ".log"))) {
                awaitTrue(Duration.ofMinutes(10), operator,
                        () -> counts.succeeded(Verb.UPDATE, "policymatchreports/status") >= endpoints);
                Duration convergence = Duration.ofNanos(System.nanoTime() - start);
                Duration serverTime = counts.serverTime();
                long writes = counts.writes("policymatchreports");
                Duration operatorCpu = operator.cpuTime();
                ResidentMemory resident = operator.residentMemory().orElse(new ResidentMemory(0, 0));
                writeNativeMemorySummary(operator, "nmt-" + endpoints + ".txt");
                result = new ColdStart(endpoints, policies, load, convergence, serverTime, writes,
                        operator.peakHeap(), operator.heapAfterGc(), operator.gcTime(), operatorCpu, resident);
                System.out.printf("  cold start %.1f s (server busy %.1f s, operator CPU %.1f s), %,d writes, %.0f"
                                + " writes/s, operator peak heap %d MiB, %d MiB after GC, GC %.1f s,"
                                + " RSS %d MiB (peak %d MiB)%n",
                        convergence.toMillis() / 1e3, serverTime.toMillis() / 1e3, operatorCpu.toMillis() / 1e3, writes,
                        result.writesPerSecond(), result.peakHeap() >> 20, result.heapAfterGc() >> 20,
                        result.gcTime().toMillis() / 1e3, resident.mebibytes(), resident.peakMebibytes());
                if (changes > 0) {
                    steadyState(server, estate, changes, steady, counts);
                }
            }
            if (changes > 0) {
                resync(kubeconfig, jvm, counts, endpoints, steady);
            }
            return result;
        }
    }

    /** Label changes, one at a time, each timed until its report shows the new label; then a policy change. */
    private static void steadyState(EmbeddedApiServer server, EstateGenerator.Estate estate, int changes,
            List<String> out, RequestCounts counts) throws Exception {
        KubernetesClient client = server.client();
        Map<String, PolicyMatchReportStatus> statuses = new ConcurrentHashMap<>();
        Map<String, String> waitingFor = new ConcurrentHashMap<>();
        Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();
        Map<String, Long> lastUpdate = new ConcurrentHashMap<>();
        AtomicLong lastEvent = new AtomicLong(System.nanoTime());
        SharedIndexInformer<PolicyMatchReport> informer = client.resources(PolicyMatchReport.class)
                .inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(PolicyMatchReport r) {
                        seen(r);
                    }

                    @Override
                    public void onUpdate(PolicyMatchReport old, PolicyMatchReport r) {
                        seen(r);
                    }

                    @Override
                    public void onDelete(PolicyMatchReport r, boolean unknown) {
                    }

                    private void seen(PolicyMatchReport r) {
                        lastEvent.set(System.nanoTime());
                        String name = r.getMetadata().getName();
                        if (r.getStatus() == null) {
                            return;
                        }
                        statuses.put(name, r.getStatus());
                        lastUpdate.put(name, System.nanoTime());
                        String value = waitingFor.get(name);
                        if (value != null && value.equals(r.getStatus().getLabels().get("bench"))) {
                            waitingFor.remove(name);
                            latches.remove(name).countDown();
                        }
                    }
                });
        try {
            // The mock replays every stored report as ADDED when the informer's watch opens: let that
            // burst pass, and warm up, so that the first timed change does not queue behind it.
            awaitTrue(Duration.ofMinutes(2), () -> System.nanoTime() - lastEvent.get() > TimeUnit.SECONDS.toNanos(2));
            List<GenericKubernetesResource> heps = estate.hostEndpoints();
            for (int i = 0; i < WARM_UP_CHANGES; i++) {
                labelChange(client, heps, changes + i, latches, waitingFor);
            }
            long[] latencies = new long[changes];
            for (int i = 0; i < changes; i++) {
                latencies[i] = labelChange(client, heps, i, latches, waitingFor);
            }
            Arrays.sort(latencies);
            out.add(String.format(Locale.ROOT, "label change → report (%d changes) | p50 %.0f ms, p99 %.0f ms, max %.0f ms"
                    + " | p99 ≤ 1 s", changes, latencies[changes / 2] / 1e6,
                    latencies[(int) Math.ceil(changes * 0.99) - 1] / 1e6, latencies[changes - 1] / 1e6));

            policyChange(client, estate, statuses, lastUpdate, out, counts);
        } finally {
            informer.close();
        }
    }

    /** Relabels the i-th HostEndpoint of a fixed walk; the time until its report shows the new label. */
    private static long labelChange(KubernetesClient client, List<GenericKubernetesResource> heps, int i,
            Map<String, CountDownLatch> latches, Map<String, String> waitingFor) throws InterruptedException {
        String name = heps.get((i * 7919) % heps.size()).getMetadata().getName();
        String report = "hep." + name;
        String value = "change-" + i;
        CountDownLatch latch = new CountDownLatch(1);
        latches.put(report, latch);
        waitingFor.put(report, value);
        long t0 = System.nanoTime();
        client.genericKubernetesResources(ResourceKind.HOST_ENDPOINT.context()).withName(name).edit(h -> {
            h.getMetadata().getLabels().put("bench", value);
            return h;
        });
        if (!latch.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("report " + report + " not updated within 30 s");
        }
        return System.nanoTime() - t0;
    }

    /**
     * One GlobalNetworkPolicy's selector changes to one matching about 100 endpoints. The reports whose
     * content must change are those the old or the new selector matches (the policy is added, removed,
     * or shown with its new selector), evaluated on each report's effective labels; the writes counted
     * by the server must be exactly those.
     */
    private static void policyChange(KubernetesClient client, EstateGenerator.Estate estate,
            Map<String, PolicyMatchReportStatus> statuses, Map<String, Long> lastUpdate, List<String> out,
            RequestCounts counts) throws Exception {
        GenericKubernetesResource policy = estate.globalNetworkPolicies().get(0);
        @SuppressWarnings("unchecked")
        String oldText = (String) ((Map<String, Object>) policy.getAdditionalProperties().get("spec")).get("selector");
        Selector oldSelector = Selector.parse(oldText);
        Map<String, Set<String>> byApp = new HashMap<>();
        statuses.forEach((name, status) -> byApp.computeIfAbsent(String.valueOf(status.getLabels().get("app")),
                a -> new HashSet<>()).add(name));
        List<String> apps = byApp.keySet().stream().sorted().toList();
        List<String> chosen = new ArrayList<>();
        int matched = 0;
        for (String app : apps) {
            if (matched >= 100) {
                break;
            }
            chosen.add("'" + app + "'");
            matched += byApp.get(app).size();
        }
        String newText = "app in {" + String.join(", ", chosen) + "}";
        Selector newSelector = Selector.parse(newText);
        Set<String> expected = new HashSet<>();
        Map<String, PolicyMatchReportStatus> before = new HashMap<>(statuses);
        before.forEach((name, status) -> {
            if (oldSelector.matches(status.getLabels()) || newSelector.matches(status.getLabels())) {
                expected.add(name);
            }
        });

        counts.reset();
        long t0 = System.nanoTime();
        client.genericKubernetesResources(ResourceKind.GLOBAL_NETWORK_POLICY.context())
                .withName(policy.getMetadata().getName()).edit(p -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> spec = (Map<String, Object>) p.getAdditionalProperties().get("spec");
                    spec.put("selector", newText);
                    return p;
                });
        awaitTrue(Duration.ofSeconds(60), () -> expected.stream().allMatch(n -> !before.get(n).equals(statuses.get(n))));
        long allSeen = expected.stream().mapToLong(lastUpdate::get).max().orElse(t0) - t0;
        Thread.sleep(3_000);
        Set<String> changed = new HashSet<>();
        statuses.forEach((name, status) -> {
            if (!status.equals(before.get(name))) {
                changed.add(name);
            }
        });
        long writes = counts.writes("policymatchreports");
        out.add(String.format(Locale.ROOT, "policy selector change (%s → %s) | %d reports expected to change, %d changed,"
                        + " %d writes; all written in %.0f ms | exactly those, ≤ 2 s", shorten(oldText), newText,
                expected.size(), changed.size(), writes, allSeen / 1e6));
        if (!changed.equals(expected) || writes != expected.size()) {
            out.add("  MISMATCH: changed but not expected " + minus(changed, expected) + ", expected but unchanged "
                    + minus(expected, changed));
        }
    }

    /** The unchanged estate reconciled again by a restarted operator: every endpoint, and no write. */
    private static void resync(Path kubeconfig, OperatorJvm jvm, RequestCounts counts, int endpoints,
            List<String> out) throws Exception {
        counts.reset();
        long t0 = System.nanoTime();
        try (OperatorProcess operator = jvm.start(kubeconfig, WORK.resolve("operator-resync.log"))) {
            awaitTrue(Duration.ofMinutes(10), operator,
                    () -> operator.metric("operator_sdk_reconciliations_success_total") >= endpoints);
            long done = System.nanoTime() - t0;
            Thread.sleep(3_000);
            long writes = counts.writes("policymatchreports");
            ResidentMemory resident = operator.residentMemory().orElse(new ResidentMemory(0, 0));
            writeNativeMemorySummary(operator, "nmt-resync.txt");
            // A restart reads every report back at once: the operator's heap peaks here, not in a cold start.
            out.add(String.format(Locale.ROOT, "full resync (operator restarted, %,d endpoints reconciled) | %d report"
                    + " writes, %.1f s; operator peak heap %d MiB, RSS %d MiB, peak RSS %d MiB | 0 writes; RSS < 1 GiB",
                    endpoints, writes, done / 1e9, operator.peakHeap() >> 20, resident.mebibytes(),
                    resident.peakMebibytes()));
        }
    }

    private static void writeNativeMemorySummary(OperatorProcess operator, String file) {
        if (operator.writeNativeMemorySummary(WORK.resolve(file))) {
            System.out.println("  native memory summary: " + WORK.resolve(file));
        }
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> r = new HashSet<>(a);
        r.removeAll(b);
        return r;
    }

    private static void awaitTrue(Duration atMost, BooleanSupplier condition) throws InterruptedException {
        awaitTrue(atMost, null, condition);
    }

    /** Waits for the condition; fails at once if the operator process has died (its log says why). */
    private static void awaitTrue(Duration atMost, OperatorProcess operator, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (operator != null && !operator.isAlive()) {
                throw new IllegalStateException("the operator process exited; see " + operator.log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not converged within " + atMost);
            }
            Thread.sleep(50);
        }
    }

    private static void printTable(List<ColdStart> runs, OperatorJvm jvm, List<String> steady) {
        System.out.println();
        System.out.printf("java %s, %d cores, driver and API server -Xmx %d MiB, operator %s, load average %s%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, jvm.describe(),
                String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        System.out.println("| endpoints | policies | load (untimed) | cold start | API server busy | operator CPU"
                + " | report writes | writes/s | operator peak heap | operator heap after GC | operator GC time"
                + " | operator RSS | operator peak RSS |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (ColdStart r : runs) {
            System.out.printf(Locale.ROOT, "| %,d | %,d | %.1f s | %.1f s | %.1f s | %.1f s | %,d | %.0f | %d MiB | %d MiB"
                            + " | %.1f s | %d MiB | %d MiB |%n", r.endpoints(), r.policies(), r.load().toMillis() / 1e3,
                    r.convergence().toMillis() / 1e3, r.serverTime().toMillis() / 1e3,
                    r.operatorCpu().toMillis() / 1e3, r.writes(), r.writesPerSecond(), r.peakHeap() >> 20,
                    r.heapAfterGc() >> 20, r.gcTime().toMillis() / 1e3, r.resident().mebibytes(),
                    r.resident().peakMebibytes());
        }
        if (!steady.isEmpty()) {
            System.out.println();
            System.out.println("| steady state (" + runs.get(runs.size() - 1).endpoints() + " endpoints) | result | target |");
            System.out.println("| --- | --- | --- |");
            steady.forEach(line -> System.out.println(line.startsWith("  ") ? line : "| " + line + " |"));
        }
    }
}
