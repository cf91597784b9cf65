package dev.policymatch.operator;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.match.MatchIndex;
import dev.policymatch.operator.events.WarningEvents;
import dev.policymatch.operator.inputs.CalicoInputs;
import dev.policymatch.operator.metrics.DomainMetrics;
import dev.policymatch.operator.inputs.ListPageSize;
import dev.policymatch.operator.inputs.TrimmedItemStore;
import dev.policymatch.operator.reconcile.EndpointReports;
import dev.policymatch.operator.reconcile.HostEndpointIntake;
import dev.policymatch.operator.reconcile.HostEndpointReconciler;
import dev.policymatch.operator.reconcile.PodIntake;
import dev.policymatch.operator.reconcile.PodReconciler;
import dev.policymatch.operator.reconcile.ReportScope;
import dev.policymatch.operator.report.ReportLedger;
import dev.policymatch.operator.report.ReportWriter;
import dev.policymatch.operator.report.StaleReportSweeper;
import dev.policymatch.source.CalicoApiGroups;
import dev.policymatch.source.document.CalicoApiGroup;
import dev.policymatch.source.document.ResourceKind;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator, wired: one {@link MatchIndex} fed by {@link CalicoInputs} (policies, profiles, tiers,
 * namespaces, service accounts) and the HostEndpoint and Pod controllers (endpoints), the report writer, warning events, metrics, and the
 * periodic resync (JOSDK's maximum reconciliation interval) with a stale-report sweep on the same
 * period. It only wires; each piece does one thing.
 */
public final class PolicyMatchOperator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyMatchOperator.class);

    /**
     * @param reportNamespace where host endpoint reports go
     * @param leaderIdentity  present: hold the Lease {@link OperatorConfiguration#LEASE_NAME} in the
     *                        report namespace under this identity before reconciling
     * @param exitOnStopLeading for a pod: exit when leadership is lost (false for tests and embedded runs)
     * @param resync          how often every endpoint is reconciled and stale reports are swept
     * @param leaseTimings    how long the Lease lasts, is renewed and retried (JOSDK's defaults unless a test
     *                        needs a faster election)
     * @param calicoApiGroup  the group to watch Calico's kinds in; empty: as the cluster's discovery says
     *                        ({@link CalicoApiGroups})
     * @param reportScope     which endpoints get reports (all are matched and counted in the metrics)
     * @param listPageSize    objects per list request of every informer
     */
    public record Settings(String reportNamespace, Optional<String> leaderIdentity, boolean exitOnStopLeading,
            Duration resync, LeaseTimings leaseTimings, Optional<CalicoApiGroup> calicoApiGroup,
            ReportScope reportScope, ListPageSize listPageSize) {
        public static Settings of(String reportNamespace) {
            return new Settings(reportNamespace, Optional.empty(), false, Duration.ofMinutes(10), LeaseTimings.DEFAULT,
                    Optional.empty(), ReportScope.ALL, ListPageSize.DEFAULT);
        }

        public Settings withResync(Duration period) {
            return new Settings(reportNamespace, leaderIdentity, exitOnStopLeading, period, leaseTimings,
                    calicoApiGroup, reportScope, listPageSize);
        }

        public Settings withLeaderElection(String identity, boolean exitOnStop) {
            return new Settings(reportNamespace, Optional.of(identity), exitOnStop, resync, leaseTimings,
                    calicoApiGroup, reportScope, listPageSize);
        }

        public Settings withLeaseTimings(LeaseTimings timings) {
            return new Settings(reportNamespace, leaderIdentity, exitOnStopLeading, resync, timings, calicoApiGroup,
                    reportScope, listPageSize);
        }

        public Settings withCalicoApiGroup(Optional<CalicoApiGroup> group) {
            return new Settings(reportNamespace, leaderIdentity, exitOnStopLeading, resync, leaseTimings, group,
                    reportScope, listPageSize);
        }

        public Settings withReportScope(ReportScope scope) {
            return new Settings(reportNamespace, leaderIdentity, exitOnStopLeading, resync, leaseTimings,
                    calicoApiGroup, scope, listPageSize);
        }

        public Settings withListPageSize(ListPageSize pageSize) {
            return new Settings(reportNamespace, leaderIdentity, exitOnStopLeading, resync, leaseTimings,
                    calicoApiGroup, reportScope, pageSize);
        }
    }

    /**
     * Leader election's clock: a Lease not renewed for {@code duration} may be taken over; the leader
     * renews it every {@code retryPeriod} and stops leading when it could not renew for
     * {@code renewDeadline}.
     */
    public record LeaseTimings(Duration duration, Duration renewDeadline, Duration retryPeriod) {
        /** JOSDK's defaults (LeaderElectionConfiguration): 15 s, 10 s, 2 s. */
        public static final LeaseTimings DEFAULT =
                new LeaseTimings(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    private final Settings settings;
    private final CalicoApiGroup calicoGroup;
    private final Operator operator;
    private final CalicoInputs inputs;
    private final DomainMetrics metrics;
    private final StaleReportSweeper sweeper;
    private final AtomicBoolean leader;
    private final ScheduledExecutorService sweeps = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stale-report-sweeper");
        t.setDaemon(true);
        return t;
    });

    public PolicyMatchOperator(KubernetesClient client, MeterRegistry registry, Settings settings) {
        this.settings = settings;
        // Fabric8 reads a watch event's object by its kind and converts it when the kind is not registered
        // (Generic, then a second pass through a token buffer): a tenth of the operator's CPU in a cold start,
        // where every report arrives twice on the report informers' watches.
        client.getKubernetesSerialization().registerKubernetesResource(PolicyMatchReport.class);
        OperatorConfiguration.restoreEmptyTags(registry);
        Clock clock = Clock.systemUTC();
        MatchIndex index = new MatchIndex();
        WarningEvents warnings = new WarningEvents(client, clock);
        this.metrics = new DomainMetrics(registry);
        this.calicoGroup = CalicoApiGroups.choose(client, settings.calicoApiGroup());
        this.inputs = new CalicoInputs(client, calicoGroup, index, warnings, metrics, settings.listPageSize());
        metrics.trackInvalidPolicies(inputs::invalidPolicyCount);
        ReportWriter writer = new ReportWriter(client, metrics, clock, new ReportLedger());
        ReportScope scope = settings.reportScope();
        this.leader = new AtomicBoolean(settings.leaderIdentity().isEmpty());
        this.operator = OperatorConfiguration.newOperator(client, registry, settings.leaderIdentity().map(identity ->
                LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(OperatorConfiguration.LEASE_NAME)
                        .withLeaseNamespace(settings.reportNamespace())
                        .withIdentity(identity)
                        .withLeaseDuration(settings.leaseTimings().duration())
                        .withRenewDeadline(settings.leaseTimings().renewDeadline())
                        .withRetryPeriod(settings.leaseTimings().retryPeriod())
                        .withExitOnStopLeading(settings.exitOnStopLeading())
                        .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, () -> leader.set(false),
                                newLeader -> LOG.info("Leader is now {}", newLeader)))
                        .build()));
        // Two controllers, one per endpoint kind, on the same inputs, index and report path.
        EndpointReports reports = new EndpointReports(index, writer, metrics, scope, inputs::namespaceLabels);
        var serialization = client.getKubernetesSerialization();
        HostEndpointReconciler<?> hostEndpoints = HostEndpointReconciler.inGroup(calicoGroup,
                settings.reportNamespace(), inputs, new HostEndpointIntake(index, metrics, serialization, calicoGroup),
                reports, warnings, settings.listPageSize());
        PodReconciler pods = new PodReconciler(inputs, new PodIntake(index, metrics, serialization), reports,
                settings.listPageSize());
        operator.register(hostEndpoints,
                o -> o.withReconciliationMaxInterval(settings.resync()).withRetry(OperatorConfiguration.retry())
                        .withInformerListLimit(settings.listPageSize().limit())
                        .withItemStore(new TrimmedItemStore<>(ResourceKind.HOST_ENDPOINT, serialization)));
        operator.register(pods,
                o -> o.withReconciliationMaxInterval(settings.resync()).withRetry(OperatorConfiguration.retry())
                        .withInformerListLimit(settings.listPageSize().limit())
                        .withItemStore(new TrimmedItemStore<>(ResourceKind.POD, serialization)));
        this.sweeper = new StaleReportSweeper(writer, List.of(hostEndpoints::reportFamily, pods::reportFamily),
                this::controllerCachesSynced);
    }

    /** Whether every controller has started and each of its informers has listed its kind. */
    private boolean controllerCachesSynced() {
        return operator.getRegisteredControllers().stream().allMatch(controller -> {
            Collection<InformerWrappingEventSourceHealthIndicator<?>> sources = new ArrayList<>();
            controller.getControllerHealthInfo().informerEventSourceHealthIndicators().values().forEach(sources::add);
            return !sources.isEmpty() && sources.stream()
                    .flatMap(source -> source.informerHealthIndicators().values().stream())
                    .allMatch(InformerHealthIndicator::hasSynced);
        });
    }

    /** Starts reconciling (after winning the Lease, with leader election) and the periodic sweep. */
    public void start() {
        operator.start();
        long period = settings.resync().toMillis();
        sweeps.scheduleWithFixedDelay(this::sweepIfLeader, 0, period, TimeUnit.MILLISECONDS);
    }

    private void startedLeading() {
        leader.set(true);
        sweeps.execute(this::sweepIfLeader);
    }

    private void sweepIfLeader() {
        if (!leader.get()) {
            return;
        }
        if (!sweeper.ready()) {
            // Controllers start after leadership is won and list before they reconcile: sweep once they have.
            sweeps.schedule(this::sweepIfLeader, 1, TimeUnit.SECONDS);
            return;
        }
        try {
            sweeper.sweep();
        } catch (RuntimeException e) {
            LOG.warn("Stale-report sweep failed, will retry in {}: {}", settings.resync(), e.toString());
        }
    }

    /** For {@code /readyz}: JOSDK's event sources and the policy informers are healthy. */
    public boolean isReady() {
        return operator.getRuntimeInfo().isStarted() && operator.getRuntimeInfo().allEventSourcesAreHealthy()
                && inputs.isWatching();
    }

    public Operator operator() {
        return operator;
    }

    /** The group Calico's kinds are watched in. */
    public CalicoApiGroup calicoApiGroup() {
        return calicoGroup;
    }

    public DomainMetrics metrics() {
        return metrics;
    }

    public StaleReportSweeper sweeper() {
        return sweeper;
    }

    @Override
    public void close() {
        sweeps.shutdownNow();
        operator.stop();
        inputs.close();
    }
}
