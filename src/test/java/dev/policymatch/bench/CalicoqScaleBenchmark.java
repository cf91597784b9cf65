package dev.policymatch.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Issue 4, performance item 1: calicoq's own scale test. One workload endpoint and 1,000 / 5,000 / 10,000
 * namespaced policies are written as manifests to a temporary directory, then
 * {@code calicoq -f <dir> endpoint eth0} is timed as a user sees it, wall clock including JVM start, in fresh
 * {@code java} processes; beside it, in the same run and on the same files, {@link NaiveCalicoq} (same
 * reading and rendering, every selector against every endpoint). The two outputs must be identical.
 *
 * <p>The policies look like a real namespace's: 1 in 50 selects the endpoint ({@code app == 'app-<i % 50>'}),
 * each has two ingress rules whose source selectors match it 1 time in 10 ({@code role}) and 1 in 7
 * ({@code tier}), and orders repeat so ties are broken by name.
 *
 * <pre>
 * mvn -B -ntp -q -DskipTests package test-compile dependency:build-classpath \
 *     -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
 * java -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) \
 *     dev.policymatch.bench.CalicoqScaleBenchmark [runs] [policies...]
 * </pre>
 * Defaults: 3 runs per command (the median is shown), 1000 5000 10000 policies.
 */
public final class CalicoqScaleBenchmark {
    private static final double TARGET_SECONDS = 3.0;

    private CalicoqScaleBenchmark() {
    }

    /** The JVM flags bin/calicoq gives every query command (see the launcher for why). */
    static final String[] QUERY_JVM_FLAGS = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int[] sizes = args.length > 1
                ? Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {1_000, 5_000, 10_000};
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");

        System.out.printf(Locale.ROOT, "calicoq endpoint eth0 -f <dir>: 1 workload endpoint, N namespaced policies;"
                + " wall time per process incl. JVM start, median of %d (%d CPUs)%n", runs,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "%10s %10s %12s %12s %8s  %s%n",
                "policies", "MB", "calicoq (s)", "naive (s)", "ratio", "target");
        for (int size : sizes) {
            Path dir = Files.createTempDirectory("calicoq-scale-" + size + "-");
            try {
                long bytes = generate(dir, size);
                Timed calicoq = time(runs, List.of(java, QUERY_JVM_FLAGS[0], QUERY_JVM_FLAGS[1], "-cp", classpath,
                        "dev.policymatch.cli.CalicoqCommand", "-f", dir.toString(), "endpoint", "eth0"));
                Timed naive = time(runs, List.of(java, QUERY_JVM_FLAGS[0], QUERY_JVM_FLAGS[1], "-cp", classpath,
                        NaiveCalicoq.class.getName(), "-f", dir.toString(), "endpoint", "eth0"));
                if (!calicoq.output().equals(naive.output())) {
                    throw new IllegalStateException("calicoq and the naive baseline disagree at " + size + " policies");
                }
                System.out.printf(Locale.ROOT, "%,10d %10.1f %12.2f %12.2f %7.1fx  %s%n", size, bytes / 1e6,
                        calicoq.seconds(), naive.seconds(), naive.seconds() / calicoq.seconds(),
                        size == 10_000 ? (calicoq.seconds() <= TARGET_SECONDS ? "<= 3 s: met" : "<= 3 s: MISSED") : "");
            } finally {
                delete(dir);
            }
        }
    }

    /** Writes the endpoint and the policies; returns the bytes written. */
    static long generate(Path dir, int policies) throws IOException {
        Path endpoint = dir.resolve("00-endpoint.yaml");
        Files.writeString(endpoint, """
                apiVersion: projectcalico.org/v3
                kind: WorkloadEndpoint
                metadata:
                  name: node1-k8s-app--0--pod-eth0
                  namespace: scale
                  labels:
                    app: app-0
                    role: role-0
                    tier: tier-0
                spec:
                  orchestrator: k8s
                  node: node1
                  pod: app-0-pod
                  endpoint: eth0
                  interfaceName: cali0123456789a
                  ipNetworks: [10.0.0.1/32]
                  profiles: [kns.scale]
                """, StandardCharsets.UTF_8);
        Path file = dir.resolve("10-policies.yaml");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < policies; i++) {
                out.write(String.format(Locale.ROOT, """
                        ---
                        apiVersion: projectcalico.org/v3
                        kind: NetworkPolicy
                        metadata:
                          name: policy-%05d
                          namespace: scale
                        spec:
                          order: %d
                          selector: app == 'app-%d'
                          types: [Ingress]
                          ingress:
                            - action: Allow
                              protocol: TCP
                              source:
                                selector: role == 'role-%d'
                              destination:
                                ports: [%d]
                            - action: Deny
                              source:
                                selector: tier == 'tier-%d' && has(app)
                        """, i, i % 100 * 10, i % 50, i % 10, 1024 + i % 1000, i % 7));
            }
        }
        return Files.size(endpoint) + Files.size(file);
    }

    record Timed(double seconds, String output) {
    }

    private static Timed time(int runs, List<String> command) throws IOException, InterruptedException {
        double[] seconds = new double[runs];
        String output = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] stdout = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            seconds[i] = (System.nanoTime() - start) / 1e9;
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command.subList(3, command.size())) + " exited " + exit);
            }
            output = new String(stdout, StandardCharsets.UTF_8);
        }
        Arrays.sort(seconds);
        return new Timed(seconds[runs / 2], output);
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        }
    }
}
