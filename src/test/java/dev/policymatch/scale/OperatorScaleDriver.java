package dev.policymatch.scale;

import dev.policymatch.devcluster.ApiFaults;
import dev.policymatch.devcluster.ApiRequest.Verb;
import dev.policymatch.devcluster.EmbeddedApiServer;
import dev.policymatch.devcluster.RequestCounts;
import dev.policymatch.kube.KubernetesClientFactory;
import dev.policymatch.scale.EstateGenerator.Estate;
import dev.policymatch.scale.EstateGenerator.Size;
import dev.policymatch.source.ResourceConverter;
import dev.policymatch.source.document.Conversion;
import dev.policymatch.source.document.ResourceFormatException;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The operator at scale on mixed estates ({@link Size#mixed}: 10 % HostEndpoints, 90 % pods in namespaces,
 * Calico and Kubernetes policies). For each size: load the estate into the embedded API server (before the
 * clock starts), start the operator and time the cold start until every report's status is written, restart
 * it on the unchanged estate (a full resync, which must write nothing), then list every report to measure
 * their bytes (the etcd footprint). On one size also the steady state ({@link SteadyState}). Prints markdown
 * tables and draws cold start and restart against size with {@link ConvergencePlot}.
 *
 * <pre>
 * make bench-scale                                        # 2,000 and 10,000 endpoints (quick)
 * make bench-scale FULL=1                                 # 10k, 25k, 50k, 100k
 * make bench-scale SCALE_ARGS="--sizes 2000 --changes 20"
 * </pre>
 *
 * The API server runs in this JVM (so that its request counts and busy time can be read directly, and its
 * store is this JVM's heap: size it with SCALE_JAVA_OPTS); the operator runs as in a cluster, in a JVM of its
 * own with the JVM options deploy/deployment.yaml gives it ({@link OperatorProcess}; {@code --operator-heap 1g}
 * tries another heap limit), so that its heap and its resident memory (RSS, what the container's memory limit
 * counts) are its own.
 */
public final class OperatorScaleDriver {

    private static final String NAMESPACE = "policymatch-system";
    private static final long SEED = 42;
    private static final Path WORK = Path.of("target", "scale");
    static final List<Integer> QUICK_SIZES = List.of(2_000, 10_000);
    static final List<Integer> FULL_SIZES = List.of(10_000, 25_000, 50_000, 100_000);
    private static final String USAGE = "--sizes 2000,10000 | --full (10000,25000,50000,100000); --changes 200;"
            + " --steady-size N (default the last size, 0 for none); --operator-heap 1g; --load-only;"
            + " --policies N (the same number at every size; default one per 50 endpoints);"
            + " --png docs/scale-convergence.png; --memory-png docs/scale-memory.png";

    /** The command line. */
    record Options(List<Integer> sizes, int changes, int steadySize, Optional<String> operatorHeap, Path png,
            Path memoryPng, boolean loadOnly, OptionalInt policies) {

        /** The estate of one size: {@link Size#mixed}, with the policies asked for if any. */
        Size size(int endpoints) {
            return policies.isPresent() ? Size.mixed(endpoints, policies.getAsInt()) : Size.mixed(endpoints);
        }


        static Options parse(String... args) {
            List<Integer> sizes = QUICK_SIZES;
            int changes = 200;
            Integer steadySize = null;
            Optional<String> operatorHeap = Optional.empty();
            Path png = Path.of("docs/scale-convergence.png");
            Path memoryPng = Path.of("docs/scale-memory.png");
            boolean loadOnly = false;
            OptionalInt policies = OptionalInt.empty();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sizes" -> sizes = Arrays.stream(value(args, ++i).split(",")).map(String::trim)
                            .map(Integer::parseInt).toList();
                    case "--full" -> sizes = FULL_SIZES;
                    case "--changes" -> changes = Integer.parseInt(value(args, ++i));
                    case "--steady-size" -> steadySize = Integer.parseInt(value(args, ++i));
                    case "--operator-heap" -> operatorHeap = Optional.of(value(args, ++i));
                    case "--png" -> png = Path.of(value(args, ++i));
                    case "--memory-png" -> memoryPng = Path.of(value(args, ++i));
                    case "--load-only" -> loadOnly = true;
                    case "--policies" -> policies = OptionalInt.of(Integer.parseInt(value(args, ++i)));
                    default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (" + USAGE + ")");
                }
            }
            int steady = steadySize == null ? sizes.get(sizes.size() - 1) : steadySize;
            if (steady != 0 && !sizes.contains(steady)) {
                throw new IllegalArgumentException("--steady-size " + steady + " is not one of --sizes " + sizes);
            }
            Options options = new Options(List.copyOf(sizes), changes, steady, operatorHeap, png, memoryPng, loadOnly,
                    policies);
            sizes.forEach(options::size); // refuses a size it cannot generate, before anything runs
            return options;
        }

        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value (" + USAGE + ")");
            }
            return args[i];
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

    /** What was generated and loaded for one size. */
    record Loaded(Size size, int podsWithoutEndpoint, int namespaces, int serviceAccounts, int globalPolicies,
            int calicoPolicies, int kubernetesPolicies, int objects, Duration load, long driverHeapAfterGc) {
        int endpoints() {
            return size.endpoints();
        }
    }

    /** From launching the operator until every report's status is written. */
    record ColdStart(Duration time, Duration serverTime, Duration operatorCpu, long writes, long peakHeap,
            long heapAfterGc, Duration gcTime, ResidentMemory resident) {
    }

    /**
     * The operator restarted on the unchanged estate: {@code time} until as many reconciliations as endpoints,
     * {@code quiet} until the last of all {@code reconciliations}.
     */
    record Restart(Duration time, Duration quiet, long reconciliations, Duration serverTime, long writes,
            long peakHeap, ResidentMemory resident) {
    }

    /** One size's results; the report bytes are those of every report listed at the end. */
    record Run(Loaded loaded, ColdStart coldStart, Restart restart, long reports, Distribution reportBytes) {
        double writesPerReport() {
            return (double) coldStart.writes() / loaded.endpoints();
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        OperatorJvm jvm = new OperatorJvm(OperatorProcess.deployedEnvironment(), options.operatorHeap());
        List<Run> runs = new ArrayList<>();
        List<Loaded> loads = new ArrayList<>();
        List<String> steady = new ArrayList<>();
        String failure = null;
        for (int endpoints : options.sizes()) {
            int changes = endpoints == options.steadySize() ? options.changes() : 0;
            Run run;
            try {
                run = run(options.size(endpoints), options.loadOnly(), changes, jvm, steady);
            } catch (IllegalStateException e) {
                // A larger estate would fail the same way (an operator out of memory, say): keep what was measured.
                failure = String.format("%,d endpoints: FAILED, %s; no larger size was run", endpoints, e.getMessage());
                System.out.println(failure);
                break;
            }
            loads.add(run.loaded());
            if (run.coldStart() != null) {
                runs.add(run);
            }
        }
        ScaleTables.print(System.out, jvm.describe(), loads, runs, steady, options.steadySize());
        if (failure != null) {
            System.out.println();
            System.out.println(failure);
        }
        if (runs.size() > 1) {
            plot(options.png(), options.memoryPng(), jvm, runs);
        }
        System.exit(failure == null ? 0 : 1);
    }

    private static Run run(Size size, boolean loadOnly, int changes, OperatorJvm jvm, List<String> steady)
            throws Exception {
        int endpoints = size.endpoints();
        Estate estate = EstateGenerator.generate(size, SEED);
        List<GenericKubernetesResource> endpointPods = withEndpoints(estate.pods());
        if (endpointPods.size() != size.pods()) {
            throw new IllegalStateException(size.pods() + " pods should have an endpoint, " + endpointPods.size()
                    + " have");
        }
        ApiFaults faults = new ApiFaults();
        try (EmbeddedApiServer server = EmbeddedApiServer.start(0, KubernetesClientFactory.withDefaultTimeouts(),
                faults)) {
            server.installCrds(Path.of("crds"));
            server.ensureNamespace(NAMESPACE);
            Path kubeconfig = server.writeKubeconfig(WORK.resolve("kubeconfig"), NAMESPACE);
            System.out.printf("%,d endpoints (%,d HostEndpoints, %,d pods), %,d namespaces, %,d policies: loading...%n",
                    endpoints, size.hostEndpoints(), size.pods(), size.namespaces(), estate.policies());
            Duration load = EstateGenerator.load(server, estate, 4);
            Loaded loaded = new Loaded(size, estate.pods().size() - endpointPods.size(), estate.namespaces().size(),
                    estate.serviceAccounts().size(), estate.globalNetworkPolicies().size(),
                    estate.networkPolicies().size(), estate.kubernetesNetworkPolicies().size(), estate.size(), load,
                    heapAfterGc());
            System.out.printf("  loaded %,d objects in %.1f s; driver heap after GC %,d MiB (of %,d)%n", estate.size(),
                    load.toMillis() / 1e3, loaded.driverHeapAfterGc() >> 20, Runtime.getRuntime().maxMemory() >> 20);
            if (loadOnly) {
                return new Run(loaded, null, null, 0, null);
            }
            RequestCounts counts = faults.counts();
            ColdStart cold = coldStart(server.client(), kubeconfig, jvm, counts, estate, endpointPods, changes,
                    steady);
            Restart restart = restart(kubeconfig, jvm, counts, endpoints);
            long[] bytes = reportBytes(server.client());
            if (bytes.length != endpoints) {
                System.out.printf("  MISMATCH: %,d reports listed, %,d endpoints%n", bytes.length, endpoints);
            }
            Distribution sizes = Distribution.of(bytes);
            System.out.printf("  %,d reports: median %,d bytes, p99 %,d, max %,d, total %.1f MiB%n", bytes.length,
                    sizes.median(), sizes.p99(), sizes.max(), sizes.total() / 1048576.0);
            return new Run(loaded, cold, restart, bytes.length, sizes);
        }
    }

    /** The pods that Calico (and the operator's converter) make a workload endpoint of. */
    private static List<GenericKubernetesResource> withEndpoints(List<GenericKubernetesResource> pods)
            throws ResourceFormatException {
        ResourceConverter converter = new ResourceConverter();
        List<GenericKubernetesResource> endpoints = new ArrayList<>();
        for (GenericKubernetesResource pod : pods) {
            if (converter.convert(Serialization.jsonMapper().valueToTree(pod)) instanceof Conversion.Converted) {
                endpoints.add(pod);
            }
        }
        return endpoints;
    }

    private static ColdStart coldStart(KubernetesClient client, Path kubeconfig, OperatorJvm jvm, RequestCounts counts,
            Estate estate, List<GenericKubernetesResource> endpointPods, int changes, List<String> steady)
            throws Exception {
        int endpoints = estate.requested().endpoints();
        counts.reset();
        long start = System.nanoTime();
        try (OperatorProcess operator = jvm.start(kubeconfig, WORK.resolve("operator-" + endpoints + ".log"))) {
            // Each report's status written once: by update or by patch, however the report writer does it.
            Await.until(Duration.ofMinutes(30), operator, () -> counts.succeeded(Verb.UPDATE, "policymatchreports/status")
                    + counts.succeeded(Verb.PATCH, "policymatchreports/status") >= endpoints);
            Duration time = Duration.ofNanos(System.nanoTime() - start);
            Duration serverTime = counts.serverTime();
            long writes = counts.writes("policymatchreports");
            Duration cpu = operator.cpuTime();
            ResidentMemory resident = operator.residentMemory().orElse(new ResidentMemory(0, 0));
            writeNativeMemorySummary(operator, "nmt-" + endpoints + ".txt");
            ColdStart cold = new ColdStart(time, serverTime, cpu, writes, operator.peakHeap(), operator.heapAfterGc(),
                    operator.gcTime(), resident);
            System.out.printf(Locale.ROOT, "  cold start %.1f s (server busy %.1f s, operator CPU %.1f s), %,d writes"
                            + " (%.2f per report), operator peak heap %d MiB, %d MiB after GC, GC %.1f s,"
                            + " RSS %d MiB (peak %d MiB)%n", time.toMillis() / 1e3, serverTime.toMillis() / 1e3,
                    cpu.toMillis() / 1e3, writes, (double) writes / endpoints, cold.peakHeap() >> 20,
                    cold.heapAfterGc() >> 20, cold.gcTime().toMillis() / 1e3, resident.mebibytes(),
                    resident.peakMebibytes());
            if (changes > 0) {
                try (ReportWatch reports = ReportWatch.start(client)) {
                    SteadyState state = new SteadyState(client, reports, counts);
                    state.labelChanges("HostEndpoint", SteadyState.hostEndpoints(client, NAMESPACE,
                            estate.hostEndpoints()), changes);
                    state.labelChanges("pod", SteadyState.pods(client, endpointPods), changes);
                    state.policyChange(estate.globalNetworkPolicies());
                    steady.addAll(state.rows());
                }
            }
            return cold;
        }
    }

    /**
     * The operator restarted on the unchanged estate: every informer re-lists, every endpoint is reconciled
     * again, the stale-report sweep runs. The time is until the reconciliations reach the number of endpoints
     * (as in the cold start, from launching the JVM); the writes are counted once they have stopped for 3 s,
     * and the last of them is reported too (reconciliations the reports' own events trigger come after).
     */
    private static Restart restart(Path kubeconfig, OperatorJvm jvm, RequestCounts counts, int endpoints)
            throws Exception {
        counts.reset();
        long start = System.nanoTime();
        try (OperatorProcess operator = jvm.start(kubeconfig, WORK.resolve("operator-" + endpoints + "-restart.log"))) {
            double[] last = {-1};
            long[] reached = {0};
            long[] lastChange = {start};
            Await.until(Duration.ofMinutes(30), operator, () -> {
                double now = operator.metric("operator_sdk_reconciliations_success_total");
                long t = System.nanoTime();
                if (now != last[0]) {
                    last[0] = now;
                    lastChange[0] = t;
                }
                if (reached[0] == 0 && now >= endpoints) {
                    reached[0] = t;
                }
                return reached[0] != 0 && t - lastChange[0] > 3_000_000_000L;
            });
            long writes = counts.writes("policymatchreports");
            ResidentMemory resident = operator.residentMemory().orElse(new ResidentMemory(0, 0));
            writeNativeMemorySummary(operator, "nmt-" + endpoints + "-restart.txt");
            Restart restart = new Restart(Duration.ofNanos(reached[0] - start), Duration.ofNanos(lastChange[0] - start),
                    (long) last[0], counts.serverTime(), writes, operator.peakHeap(), resident);
            System.out.printf(Locale.ROOT, "  restart %.1f s (%,d reconciliations, the last at %.1f s; server busy %.1f s),"
                            + " %,d report writes, operator peak heap %d MiB, RSS %d MiB (peak %d MiB)%n",
                    restart.time().toMillis() / 1e3, restart.reconciliations(), restart.quiet().toMillis() / 1e3,
                    restart.serverTime().toMillis() / 1e3, writes, restart.peakHeap() >> 20, resident.mebibytes(),
                    resident.peakMebibytes());
            return restart;
        }
    }

    /** The size of every report as JSON, as the server returns (and etcd would store) it. */
    private static long[] reportBytes(KubernetesClient client) {
        List<Long> sizes = new ArrayList<>();
        ReportWatch.forEachReport(client, report -> sizes.add(
                (long) Serialization.asJson(report).getBytes(StandardCharsets.UTF_8).length));
        return sizes.stream().mapToLong(Long::longValue).toArray();
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void plot(Path png, Path memoryPng, OperatorJvm jvm, List<Run> runs) {
        Function<Function<Run, Duration>, List<ConvergencePlot.Point>> points = time -> runs.stream()
                .map(r -> new ConvergencePlot.Point(r.loaded().endpoints(), time.apply(r).toMillis() / 1e3)).toList();
        int min = runs.get(0).loaded().endpoints();
        int max = runs.get(runs.size() - 1).loaded().endpoints();
        ConvergencePlot.render(png, "Mixed estates, embedded API server, operator JVM of deploy/"
                + jvm.heapLimit().map(h -> " but -Xmx" + h).orElse("") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores", List.of(
                new ConvergencePlot.Series("cold start: every report written", points.apply(r -> r.coldStart().time())),
                new ConvergencePlot.Series("of which API server busy", points.apply(r -> r.coldStart().serverTime())),
                new ConvergencePlot.Series("restart: last reconciliation", points.apply(r -> r.restart().quiet())),
                new ConvergencePlot.Series("target (30 s per 10,000, linear)", List.of(
                        new ConvergencePlot.Point(min, min * 0.003), new ConvergencePlot.Point(max, max * 0.003)))));
        System.out.println("plot: " + png);
        Function<Function<Run, Long>, List<ConvergencePlot.Point>> mebibytes = bytes -> runs.stream()
                .map(r -> new ConvergencePlot.Point(r.loaded().endpoints(), bytes.apply(r) >> 20)).toList();
        ConvergencePlot.render(memoryPng, "Operator memory, mixed estates (JVM flags of deploy/"
                + jvm.heapLimit().map(h -> " but -Xmx" + h).orElse("") + ")", "MiB", List.of(
                new ConvergencePlot.Series("peak RSS, restart", mebibytes.apply(r -> r.restart().resident().peakBytes())),
                new ConvergencePlot.Series("peak RSS, cold start", mebibytes.apply(r -> r.coldStart().resident().peakBytes())),
                new ConvergencePlot.Series("peak heap, restart", mebibytes.apply(r -> r.restart().peakHeap())),
                new ConvergencePlot.Series("peak heap, cold start", mebibytes.apply(r -> r.coldStart().peakHeap())),
                new ConvergencePlot.Series("heap after GC, cold start", mebibytes.apply(r -> r.coldStart().heapAfterGc())),
                ConvergencePlot.Series.constant("container memory limit (deploy/: 1 GiB)", 1024, min, max)));
        System.out.println("plot: " + memoryPng);
    }

    private static void writeNativeMemorySummary(OperatorProcess operator, String file) {
        if (operator.writeNativeMemorySummary(WORK.resolve(file))) {
            System.out.println("  native memory summary: " + WORK.resolve(file));
        }
    }

}
