package dev.policymatch.scale;

import dev.policymatch.scale.OperatorScaleDriver.Loaded;
import dev.policymatch.scale.OperatorScaleDriver.Run;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/** The scale driver's results as markdown tables, one per concern, a row per estate size. */
final class ScaleTables {

    private ScaleTables() {
    }

    static void print(PrintStream out, String operatorJvm, List<Loaded> loads, List<Run> runs, List<String> steady,
            int steadySize) {
        out.println();
        out.printf(Locale.ROOT, "java %s, %d cores, driver and API server -Xmx %d MiB, operator %s, load average %.2f%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, operatorJvm,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.println();
        out.println("| endpoints | HostEndpoints | pods (+ without endpoint) | namespaces | service accounts"
                + " | policies: global / Calico namespaced / Kubernetes | objects | load (untimed) | driver heap after load |");
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Loaded l : loads) {
            out.printf(Locale.ROOT, "| %,d | %,d | %,d (+%,d) | %,d | %,d | %,d / %,d / %,d | %,d | %.1f s | %,d MiB |%n",
                    l.endpoints(), l.size().hostEndpoints(), l.size().pods(), l.podsWithoutEndpoint(), l.namespaces(),
                    l.serviceAccounts(), l.globalPolicies(), l.calicoPolicies(), l.kubernetesPolicies(), l.objects(),
                    seconds(l.load()), l.driverHeapAfterGc() >> 20);
        }
        if (runs.isEmpty()) {
            return;
        }
        out.println();
        out.println("| cold start | time | API server busy | operator CPU | report writes | writes per report | writes/s"
                + " | operator peak heap | heap after GC | GC time | RSS | peak RSS |");
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Run r : runs) {
            var c = r.coldStart();
            out.printf(Locale.ROOT, "| %,d | %.1f s | %.1f s | %.1f s | %,d | %.2f | %.0f | %d MiB | %d MiB | %.1f s"
                            + " | %d MiB | %d MiB |%n", r.loaded().endpoints(), seconds(c.time()),
                    seconds(c.serverTime()), seconds(c.operatorCpu()), c.writes(), r.writesPerReport(),
                    c.writes() / seconds(c.time()), c.peakHeap() >> 20, c.heapAfterGc() >> 20, seconds(c.gcTime()),
                    c.resident().mebibytes(), c.resident().peakMebibytes());
        }
        out.println();
        out.println("| restart (unchanged estate) | time | reconciliations (the last at) | API server busy"
                + " | report writes (target 0) | operator peak heap | RSS | peak RSS |");
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Run r : runs) {
            var s = r.restart();
            out.printf(Locale.ROOT, "| %,d | %.1f s | %,d (%.1f s) | %.1f s | %,d | %d MiB | %d MiB | %d MiB |%n",
                    r.loaded().endpoints(), seconds(s.time()), s.reconciliations(), seconds(s.quiet()),
                    seconds(s.serverTime()), s.writes(), s.peakHeap() >> 20,
                    s.resident().mebibytes(), s.resident().peakMebibytes());
        }
        out.println();
        out.println("| reports as stored | reports | bytes per report: median | p99 | max | total (etcd footprint) |");
        out.println("| ---: | ---: | ---: | ---: | ---: | ---: |");
        for (Run r : runs) {
            var b = r.reportBytes();
            out.printf(Locale.ROOT, "| %,d | %,d | %,d | %,d | %,d | %.1f MiB |%n", r.loaded().endpoints(), r.reports(),
                    b.median(), b.p99(), b.max(), b.total() / 1048576.0);
        }
        if (!steady.isEmpty()) {
            out.println();
            out.printf(Locale.ROOT, "| steady state (%,d endpoints) | result | target |%n", steadySize);
            out.println("| --- | --- | --- |");
            steady.forEach(line -> out.println(line.startsWith("  ") ? line : "| " + line + " |"));
        }
    }

    private static double seconds(java.time.Duration d) {
        return d.toMillis() / 1e3;
    }
}
