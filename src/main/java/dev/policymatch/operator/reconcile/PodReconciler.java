package dev.policymatch.operator.reconcile;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.ReportedEndpoint;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.model.PodWorkload;
import dev.policymatch.model.WorkloadEndpoint;
import dev.policymatch.operator.inputs.CalicoInputs;
import dev.policymatch.operator.inputs.EndpointChangeEventSource;
import dev.policymatch.operator.inputs.ListPageSize;
import dev.policymatch.operator.report.ReportFamily;
import dev.policymatch.operator.report.ReportNames;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps {@code pod.<name>}, in the pod's namespace, equal to what applies to the pod's workload
 * endpoint. Triggered by the Pod (labels, node, IPs, host networking), by its report (found by name,
 * {@link ReportToEndpointMapper}), and by
 * {@link EndpointChangeEventSource} when a policy, profile (a Namespace's or ServiceAccount's
 * included) or tier change altered this endpoint's match, and by {@link NamespaceScopeEventSource} when its
 * namespace's relabelling moved it into or out of the report scope. A pod without a workload endpoint
 * (host-networked, unscheduled) has no report: it is deleted if there was one. The operator only
 * reads pods, so it needs no finalizer on them: deletes are delivered ({@code triggerReconcilerOnAllEvents}).
 */
@ControllerConfiguration(name = PodReconciler.NAME, generationAwareEventProcessing = false,
        triggerReconcilerOnAllEvents = true)
public final class PodReconciler implements Reconciler<Pod> {

    public static final String NAME = "pods";

    private final CalicoInputs inputs;
    private final PodIntake intake;
    private final EndpointReports reports;
    private final ListPageSize listPageSize;
    private CachedReports<Pod> cachedReports;
    private InformerEventSource<PolicyMatchReport, Pod> reportInformer;

    public PodReconciler(CalicoInputs inputs, PodIntake intake, EndpointReports reports, ListPageSize listPageSize) {
        this.inputs = inputs;
        this.intake = intake;
        this.reports = reports;
        this.listPageSize = listPageSize;
    }

    /** This controller's reports and endpoints as its caches hold them; once its event sources are prepared. */
    public ReportFamily reportFamily() {
        return cachedReports;
    }

    @Override
    public List<EventSource<?, Pod>> prepareEventSources(EventSourceContext<Pod> context) {
        var endpointOfReport = new ReportToEndpointMapper<Pod>(context,
                pod -> new ResourceID(ReportNames.forPod(pod.getMetadata().getName()), pod.getMetadata().getNamespace()),
                report -> ReportNames.podNamed(report.getName())
                        .map(pod -> new ResourceID(pod, report.getNamespace().orElse(null))));
        reportInformer = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(PolicyMatchReport.class, Pod.class)
                        .withName("reports")
                        .withLabelSelector(ReportNames.podSelector())
                        .withInformerListLimit(listPageSize.limit())
                        .withItemStore(reports.newReportCache())
                        .withOnAddFilter(EndpointReports.IGNORE_ADDED_REPORTS)
                        .withSecondaryToPrimaryMapper(endpointOfReport)
                        .withPrimaryToSecondaryMapper(endpointOfReport::reportsOf)
                        .build(),
                context);
        var endpointCache = context.getPrimaryCache();
        cachedReports = new CachedReports<>("pods", reportInformer::keys,
                endpointOfReport::endpointsOf, endpointCache::get,
                endpoint -> reports.covers(EndpointKind.WORKLOAD, endpoint.getMetadata().getNamespace()));
        return List.of(reportInformer, new EndpointChangeEventSource<>(inputs, EndpointKind.WORKLOAD),
                new NamespaceScopeEventSource(inputs, reports.scope(), context));
    }

    @Override
    public UpdateControl<Pod> reconcile(Pod pod, Context<Pod> context) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String reportName = ReportNames.forPod(name);
        if (context.isPrimaryResourceDeleted()) {
            intake.remove(namespace, name);
            reports.withdraw(namespace, reportName, true);
            return UpdateControl.noUpdate();
        }
        Optional<Intake<WorkloadEndpoint>> intook = intake.accept(pod);
        if (intook.isEmpty()) {
            reports.withdraw(namespace, reportName, context.getSecondaryResource(PolicyMatchReport.class).isPresent());
            return UpdateControl.noUpdate();
        }
        EndpointReports.Target target = new EndpointReports.Target(namespace, reportName, ReportNames.podLabels(),
                describe(pod, intook.get().endpoint()));
        reports.publish(pod, target, intook.get(), context, reportInformer);
        return UpdateControl.noUpdate();
    }

    /** The spec's endpoint; for a pod that could not be converted, what Calico would have named it. */
    static ReportedEndpoint describe(Pod pod, Optional<WorkloadEndpoint> endpoint) {
        String name = pod.getMetadata().getName();
        String node = endpoint.map(WorkloadEndpoint::node).orElseGet(() -> pod.getSpec() == null ? null
                : pod.getSpec().getNodeName());
        String fullName = endpoint.map(WorkloadEndpoint::fullName)
                .orElseGet(() -> new PodWorkload(pod.getMetadata().getNamespace(), name).fullName(node));
        return new ReportedEndpoint(EndpointKind.WORKLOAD_LABEL, name, node, fullName);
    }
}
