package dev.policymatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.PolicyMatchReportSpec;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.Reasons;
import dev.policymatch.api.ReportedEndpoint;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.operator.OperatorConfiguration;
import dev.policymatch.operator.report.ReportBudget;
import dev.policymatch.operator.report.ReportNames;
import dev.policymatch.render.ReportComposer;
import dev.policymatch.source.Catalog;
import dev.policymatch.source.Located;
import dev.policymatch.source.ManifestException;
import dev.policymatch.source.ManifestReader;
import dev.policymatch.validation.ResourceValidator;
import dev.policymatch.validation.Violation;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * How many bytes a PolicyMatchReport takes (issue 15): the report of every endpoint of an estate, composed
 * as the operator composes it ({@link ReportComposer}, then {@link ReportBudget#fit}) with the metadata, owner
 * and spec the reconcilers give it, serialized as Fabric8 sends it ({@code KubernetesSerialization.asJson}, what
 * {@link ReportBudget#sizeOf} measures). Prints bytes per report (median, p99, max, total) and where the bytes
 * of the status go: each field with its key, value and comma, summed over all reports, and inside lists of
 * objects the same per sub-field ({@code []} stands for every element).
 *
 * <pre>java -Xmx2g -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) \
 *     dev.policymatch.bench.ReportSizeReport [endpoints] [policies]</pre>
 */
public final class ReportSizeReport {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    /** Paths under these are not broken down further: their keys are label keys, not fields. */
    private static final List<String> LEAVES = List.of("status.labels", "metadata");
    /** Breakdown rows below this share of the status are left out of the table. */
    private static final double MIN_SHARE = 0.001;

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportSizeReport() {
    }

    public static void main(String[] args) throws ManifestException {
        int endpoints = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int policies = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        MatchWorkload workload = MatchWorkload.generate(endpoints, policies);
        MatchIndex generated = MatchIndex.builder().endpoints(workload.endpoints()).policies(workload.policies())
                .profiles(workload.profiles()).tiers(workload.tiers()).build();
        measure(String.format(Locale.ROOT, "match benchmark estate (%,d endpoints x %,d policies)", endpoints,
                policies), generated, workload.endpoints());

        MatchWorkload current = MatchWorkload.generateWithCurrentKinds(endpoints, policies);
        MatchIndex currentIndex = MatchIndex.builder().endpoints(current.endpoints()).policies(current.policies())
                .profiles(current.profiles()).tiers(current.tiers()).build();
        measure(String.format(Locale.ROOT, "with pods and current Calico kinds (%,d endpoints x %,d policies)",
                endpoints, policies), currentIndex, current.endpoints());

        Catalog examples = new ManifestReader(warning -> { }).read(List.of("examples/cluster"));
        List<Endpoint> exampleEndpoints = new ArrayList<>();
        examples.hostEndpoints().stream().map(Located::resource).forEach(exampleEndpoints::add);
        examples.workloadEndpoints().stream().map(Located::resource).forEach(exampleEndpoints::add);
        MatchIndex exampleIndex = MatchIndex.builder().endpoints(exampleEndpoints)
                .policies(examples.policies().stream().map(Located::resource).toList())
                .profiles(examples.profiles().stream().map(Located::resource).toList())
                .tiers(examples.tiers().stream().map(Located::resource).toList()).build();
        measure("examples/cluster (" + exampleEndpoints.size() + " endpoints, " + examples.policies().size()
                + " policies)", exampleIndex, exampleEndpoints);
    }

    private static void measure(String estate, MatchIndex index, List<Endpoint> endpoints) {
        ReportBudget budget = new ReportBudget(SERIALIZATION);
        ResourceValidator validator = new ResourceValidator();
        int[] sizes = new int[endpoints.size()];
        Map<String, Long> bytesByPath = new TreeMap<>();
        long statusBytes = 0;
        int truncated = 0;
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint endpoint = endpoints.get(i);
            PolicyMatchReport report = desiredReport(endpoint);
            List<Violation> violations = validator.validate(endpoint);
            PolicyMatchReportStatus full = ReportComposer.status(index.match(endpoint.key()), violations, 1L,
                    endpoint instanceof HostEndpoint ? Reasons.INVALID_HOST_ENDPOINT
                            : Reasons.INVALID_WORKLOAD_ENDPOINT);
            PolicyMatchReportStatus sent = budget.fit(report, full, null, NOW);
            truncated += sent.getOmitted() != null ? 1 : 0;
            report.setStatus(sent);
            String json = SERIALIZATION.asJson(report);
            sizes[i] = utf8(json);
            statusBytes += breakDown(json, bytesByPath);
        }
        print(estate, sizes, truncated, statusBytes, bytesByPath);
    }

    /** The report as the reconcilers describe it, before its status (see EndpointReports.desiredReport). */
    private static PolicyMatchReport desiredReport(Endpoint endpoint) {
        PolicyMatchReport report = new PolicyMatchReport();
        String ownerName;
        if (endpoint instanceof HostEndpoint host) {
            ownerName = host.name();
            report.getMetadata().setName(ReportNames.forHostEndpoint(ownerName));
            report.getMetadata().setNamespace(OperatorConfiguration.DEFAULT_NAMESPACE);
            report.getMetadata().setLabels(new HashMap<>(ReportNames.hostLabels()));
            report.setSpec(new PolicyMatchReportSpec(new ReportedEndpoint(EndpointKind.HOST_LABEL, ownerName,
                    host.node(), host.fullName())));
        } else {
            WorkloadEndpoint workload = (WorkloadEndpoint) endpoint;
            String prefix = workload.namespace() + ".";
            ownerName = workload.workload().startsWith(prefix) ? workload.workload().substring(prefix.length())
                    : workload.workload();
            report.getMetadata().setName(ReportNames.forPod(ownerName));
            report.getMetadata().setNamespace(workload.namespace());
            report.getMetadata().setLabels(new HashMap<>(ReportNames.podLabels()));
            report.setSpec(new PolicyMatchReportSpec(new ReportedEndpoint(EndpointKind.WORKLOAD_LABEL, ownerName,
                    workload.node(), workload.fullName())));
        }
        report.getMetadata().setOwnerReferences(List.of(new OwnerReferenceBuilder()
                .withApiVersion(endpoint instanceof HostEndpoint ? "crd.projectcalico.org/v1" : "v1")
                .withKind(endpoint instanceof HostEndpoint ? "HostEndpoint" : "Pod")
                .withName(ownerName)
                .withUid(UUID.nameUUIDFromBytes(ownerName.getBytes(StandardCharsets.UTF_8)).toString())
                .build()));
        return report;
    }

    /** Adds the bytes of each path of the report's status to {@code bytesByPath}; returns the status's bytes. */
    private static long breakDown(String json, Map<String, Long> bytesByPath) {
        try {
            JsonNode status = JSON.readTree(json).get("status");
            return status == null ? 0 : size(status, "status", bytesByPath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The serialized size of {@code node}, adding each field's (key, colon, value, comma) under its path. */
    private static long size(JsonNode node, String path, Map<String, Long> bytesByPath) throws IOException {
        if (node.isObject()) {
            long total = 2;
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String fieldPath = path + "." + field.getKey();
                long value = LEAVES.contains(path) ? utf8(JSON.writeValueAsString(field.getValue()))
                        : size(field.getValue(), fieldPath, bytesByPath);
                long bytes = utf8(JSON.writeValueAsString(field.getKey())) + 1 + value + (fields.hasNext() ? 1 : 0);
                if (!LEAVES.contains(path)) {
                    bytesByPath.merge(fieldPath, bytes, Long::sum);
                }
                total += bytes;
            }
            return total;
        }
        if (node.isArray()) {
            long total = 2 + Math.max(0, node.size() - 1);
            for (JsonNode element : node) {
                total += size(element, path + "[]", bytesByPath);
            }
            return total;
        }
        return utf8(JSON.writeValueAsString(node));
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void print(String estate, int[] sizes, int truncated, long statusBytes,
            Map<String, Long> bytesByPath) {
        int[] sorted = sizes.clone();
        Arrays.sort(sorted);
        long total = Arrays.stream(sorted).asLongStream().sum();
        System.out.printf(Locale.ROOT, "%nReport size, %s: %,d reports, %,d cut to the budget%n", estate,
                sorted.length, truncated);
        System.out.printf(Locale.ROOT, "  bytes per report: median %,d  p99 %,d  max %,d  mean %,d;  total %,d"
                        + " (%.1f MB), of which status %,d (%.1f %%)%n",
                sorted[sorted.length / 2], sorted[(int) Math.ceil(sorted.length * 0.99) - 1],
                sorted[sorted.length - 1], total / sorted.length, total, total / 1e6, statusBytes,
                100.0 * statusBytes / total);
        System.out.printf(Locale.ROOT, "  %-52s %16s %8s %12s%n", "status field (key, value, comma)", "bytes",
                "share", "per report");
        bytesByPath.forEach((path, bytes) -> {
            if (bytes >= statusBytes * MIN_SHARE) {
                int depth = (int) path.chars().filter(c -> c == '.').count() - 1;
                System.out.printf(Locale.ROOT, "  %-52s %,16d %7.1f%% %,12d%n", "  ".repeat(depth)
                        + path.substring("status.".length()), bytes, 100.0 * bytes / statusBytes,
                        bytes / sorted.length);
            }
        });
    }
}
