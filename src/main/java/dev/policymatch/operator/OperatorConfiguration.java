package dev.policymatch.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * How PolicyMatch configures JOSDK, in one place, so that the operator behaves the same on a real
 * API server and on the embedded one.
 */
public final class OperatorConfiguration {

    /** The Lease that {@code --leader-election} holds, in the operator's namespace. */
    public static final String LEASE_NAME = "policymatch-operator";
    public static final String DEFAULT_NAMESPACE = "policymatch-system";

    private OperatorConfiguration() {
    }

    /**
     * How a failed reconcile is retried: 1 s, then 1.5 times longer each time up to 30 s, for as long
     * as it keeps failing. JOSDK's default gives up after 5 attempts (about 16 s), and a resource it
     * gave up on waits for its next event or the resync (10 minutes): an API server outage of half a
     * minute left reports missing for minutes ({@code OperatorFaultsIT}).
     */
    public static GenericRetry retry() {
        return new GenericRetry().setInitialInterval(1_000).setIntervalMultiplier(1.5).setMaxInterval(30_000)
                .withoutMaxAttempts();
    }

    /**
     * A JOSDK operator on {@code client} (which it does not close), recording JOSDK's metrics in
     * {@code registry} without per-resource series, with leader election when given.
     *
     * <p>Server-side apply is off for the primary resource and dependents: the embedded API server
     * does not support it (docs/operator.md, "How the embedded server differs from a real one"), and one
     * patch path for both keeps tests honest.
     */
    /**
     * How long an informer may take to list its kind at start before the operator gives up. JOSDK's two
     * minutes were too short for 100,000 reports in pages of 500 on the embedded server (the restart of
     * the 100,000-endpoint scale run stopped there); a busy API server paging through etcd can be as slow.
     */
    static final Duration CACHE_SYNC_TIMEOUT = Duration.ofMinutes(10);

    public static Operator newOperator(KubernetesClient client, MeterRegistry registry,
            Optional<LeaderElectionConfiguration> leaderElection) {
        return new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCacheSyncTimeout(CACHE_SYNC_TIMEOUT)
                    .withCloseClientOnStop(false)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false)
                    .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
            leaderElection.ifPresent(o::withLeaderElectionConfiguration);
        });
    }

    /**
     * JOSDK's Micrometer metrics leave a tag out when its value is empty (micrometer-support's
     * {@code addTagOmittingOnEmptyValue}): {@code group} for a kind of the core group (Pod), and
     * {@code namespace} for a cluster-scoped resource, each also with the {@code resource.} prefix JOSDK
     * gives the reconcile timer's tags. Prometheus refuses a meter whose tag keys differ from the other
     * meters of the same name, so the pod controller's {@code operator_sdk_*} series (its reconcile
     * timer and failed reconciliations among them) would be dropped. This puts each such tag back with
     * the empty value, Kubernetes' name of the core group. Call it before any meter is registered.
     */
    public static void restoreEmptyTags(MeterRegistry registry) {
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith("operator.sdk.")) {
                    return id;
                }
                Meter.Id mapped = id;
                for (String prefix : List.of("", "resource.")) {
                    mapped = withEmptyTagBeside(mapped, prefix + "kind", prefix + "group");
                    mapped = withEmptyTagBeside(mapped, prefix + "name", prefix + "namespace");
                }
                return mapped;
            }
        });
    }

    /** {@code id} with {@code omitted=""} when it has {@code present} but not {@code omitted}. */
    private static Meter.Id withEmptyTagBeside(Meter.Id id, String present, String omitted) {
        return id.getTag(present) != null && id.getTag(omitted) == null ? id.withTag(Tag.of(omitted, "")) : id;
    }

    /**
     * Leader election on {@link #LEASE_NAME} in {@code namespace}; {@code identity} is usually the pod
     * name. With {@code exitOnStopLeading} (JOSDK's default, right for a pod) the JVM exits when
     * leadership ends, including at {@code Operator.stop()}: tests and the embedded mode pass false.
     */
    public static LeaderElectionConfiguration leaderElection(String namespace, String identity,
            boolean exitOnStopLeading) {
        return LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE_NAME)
                .withLeaseNamespace(namespace)
                .withIdentity(identity)
                .withExitOnStopLeading(exitOnStopLeading)
                .build();
    }

    /**
     * Who holds the Lease: the pod's name in a cluster ({@code POD_NAME}, else
     * {@code HOSTNAME}), else a unique name for this process.
     */
    public static String leaderIdentity(Map<String, String> environment) {
        String pod = environment.get("POD_NAME");
        if (pod == null || pod.isBlank()) {
            pod = environment.get("HOSTNAME");
        }
        return pod == null || pod.isBlank() ? "policymatch-" + UUID.randomUUID() : pod;
    }

    /**
     * Where reports of host endpoints go: {@code --report-namespace} when given, else the pod's
     * namespace ({@code POD_NAMESPACE}, set by deploy/), else {@value #DEFAULT_NAMESPACE}.
     */
    public static String reportNamespace(String flag, Map<String, String> environment) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        String pod = environment.get("POD_NAMESPACE");
        return pod != null && !pod.isBlank() ? pod : DEFAULT_NAMESPACE;
    }
}
