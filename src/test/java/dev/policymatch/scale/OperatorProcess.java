package dev.policymatch.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import com.sun.tools.attach.VirtualMachine;
import dev.policymatch.cli.CalicoqCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.InstanceNotFoundException;
import javax.management.Notification;
import javax.management.openmbean.CompositeData;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The operator in a JVM of its own, as it runs in a cluster ({@code calicoq operator --kubeconfig},
 * the JVM options of deploy/ in {@code JAVA_TOOL_OPTIONS}), so that its memory is measured apart from
 * the API server's store and the driver. The driver reads the operator's metrics from {@code /metrics},
 * its heap through JMX, attached to the process (the Attach API: no port, no flag in the operator),
 * and its resident memory from {@code /proc}.
 */
final class OperatorProcess implements AutoCloseable {

    private final Process process;
    private final int metricsPort;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private JMXConnector jmx;
    private MBeanServerConnection beans;
    private volatile Set<String> heapPoolNames = Set.of();
    private final AtomicLong fullestBeforeGc = new AtomicLong();

    private OperatorProcess(Process process, int metricsPort, Path log) {
        this.process = process;
        this.metricsPort = metricsPort;
        this.log = log;
    }

    /**
     * Starts {@code calicoq operator} against the kubeconfig's server with the environment a pod of
     * deploy/ gets ({@link #deployedEnvironment()}: {@code JAVA_TOOL_OPTIONS} and the rest), and
     * {@code heapLimit} (an {@code -Xmx} value) instead of theirs when present.
     */
    static OperatorProcess start(Path kubeconfig, String reportNamespace, Map<String, String> environment,
            Optional<String> heapLimit, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        heapLimit.ifPresent(limit -> command.add("-Xmx" + limit));
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        // Extra JVM options for the operator, e.g. a flight recording: -Dscale.operatorJvmOptions="-XX:..."
        String extra = System.getProperty("scale.operatorJvmOptions", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(1, List.of(extra.split("\\s+")));
        }
        command.addAll(List.of(
                CalicoqCommand.class.getName(), "operator",
                "--kubeconfig", kubeconfig.toString(),
                "--report-namespace", reportNamespace,
                "--metrics-port", String.valueOf(port)));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            OperatorProcess operator = new OperatorProcess(builder.start(), port, log);
            operator.watchCollections();
            return operator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the operator: " + command, e);
        }
    }

    /**
     * The environment variables with a literal value of the operator container in deploy/deployment.yaml
     * ({@code JAVA_TOOL_OPTIONS}, {@code MALLOC_ARENA_MAX}): the JVM flags and memory settings that ship.
     */
    static Map<String, String> deployedEnvironment() {
        try {
            JsonNode deployment = new YAMLMapper().readTree(Path.of("deploy", "deployment.yaml").toFile());
            Map<String, String> environment = new TreeMap<>();
            for (JsonNode variable : deployment.at("/spec/template/spec/containers/0/env")) {
                if (variable.has("value")) {
                    environment.put(variable.path("name").asText(), variable.path("value").asText());
                }
            }
            if (!environment.containsKey("JAVA_TOOL_OPTIONS")) {
                throw new IllegalStateException("deploy/deployment.yaml sets no JAVA_TOOL_OPTIONS");
            }
            return environment;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Resident memory now and at its peak (Linux); empty elsewhere or once the process is gone. */
    Optional<ResidentMemory> residentMemory() {
        return ResidentMemory.of(process.pid());
    }

    /**
     * {@code jcmd <pid> VM.native_memory summary} into {@code file}, when the operator runs with
     * {@code -XX:NativeMemoryTracking=summary} (through {@code -Dscale.operatorJvmOptions}); false otherwise.
     */
    boolean writeNativeMemorySummary(Path file) {
        if (!System.getProperty("scale.operatorJvmOptions", "").contains("NativeMemoryTracking")) {
            return false;
        }
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(process.pid()), "VM.native_memory", "summary")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            return jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The sum of every sample of one metric in {@code /metrics} (0 while the operator is not up yet). */
    double metric(String name) {
        String text;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metricsPort + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            text = response.statusCode() == 200 ? response.body() : "";
        } catch (IOException e) {
            text = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            text = "";
        }
        return PrometheusText.sum(text, name);
    }

    /**
     * The most heap in use at one moment: the heap is fullest just before a collection, so the largest
     * "used before GC" of every collection since the driver attached (within a second of the JVM's
     * start), or the heap in use now if that is more. (The pools' own peaks are reached at different
     * moments; their sum overstated the peak, to more than the heap limit.)
     */
    long peakHeap() {
        try {
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(connection(),
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            return Math.max(fullestBeforeGc.get(), memory.getHeapMemoryUsage().getUsed());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Listens to every collection of the operator's JVM, from as soon as it answers attach requests. */
    private void watchCollections() {
        Thread watcher = new Thread(() -> {
            try {
                MBeanServerConnection beans = connection();
                heapPoolNames = heapPools().stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
                for (GarbageCollectorMXBean gc : ManagementFactory.getPlatformMXBeans(beans,
                        GarbageCollectorMXBean.class)) {
                    beans.addNotificationListener(gc.getObjectName(), this::collected, null, null);
                }
            } catch (IOException | InstanceNotFoundException e) {
                System.err.println("not watching the operator's collections: " + e);
            }
        }, "operator-gc-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        long before = info.getMemoryUsageBeforeGc().entrySet().stream()
                .filter(pool -> heapPoolNames.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed()).sum();
        fullestBeforeGc.accumulateAndGet(before, Math::max);
    }

    /** Heap in use after a full collection: what the operator keeps. */
    long heapAfterGc() {
        try {
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(connection(),
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            memory.gc();
            return memory.getHeapMemoryUsage().getUsed();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Time the collectors have spent since the JVM started. */
    Duration gcTime() {
        try {
            return Duration.ofMillis(ManagementFactory.getPlatformMXBeans(connection(), GarbageCollectorMXBean.class)
                    .stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CPU time the operator process has used (all threads), steadier than wall time on shared cores. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    private List<MemoryPoolMXBean> heapPools() {
        try {
            return ManagementFactory.getPlatformMXBeans(connection(), MemoryPoolMXBean.class).stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized MBeanServerConnection connection() throws IOException {
        if (beans == null) {
            String address = attachAndStartAgent();
            jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
            beans = jmx.getMBeanServerConnection();
        }
        return beans;
    }

    /** The JVM answers attach requests once it has started; until then attaching fails, so retry a while. */
    private String attachAndStartAgent() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                VirtualMachine vm = VirtualMachine.attach(String.valueOf(process.pid()));
                try {
                    return vm.startLocalManagementAgent();
                } finally {
                    vm.detach();
                }
            } catch (com.sun.tools.attach.AttachNotSupportedException | IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException("cannot attach to the operator (pid " + process.pid() + "; log " + log + ")", e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", interrupted);
                }
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it as Kubernetes would, with SIGTERM (the operator's shutdown hook closes it), then waits. */
    @Override
    public void close() {
        try {
            if (jmx != null) {
                jmx.close();
            }
        } catch (IOException ignored) {
            // the process goes away anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
