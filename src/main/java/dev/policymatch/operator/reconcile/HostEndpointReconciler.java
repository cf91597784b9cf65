package dev.policymatch.operator.reconcile;

import dev.policymatch.api.PolicyMatchReport;
import dev.policymatch.api.Reasons;
import dev.policymatch.api.ReportedEndpoint;
import dev.policymatch.model.EndpointKind;
import dev.policymatch.model.HostEndpoint;
import dev.policymatch.operator.events.WarningEvents;
import dev.policymatch.operator.inputs.CalicoHostEndpointResource;
import dev.policymatch.operator.inputs.CalicoInputs;
import dev.policymatch.operator.inputs.EndpointChangeEventSource;
import dev.policymatch.operator.inputs.ListPageSize;
import dev.policymatch.operator.metrics.EndpointState;
import dev.policymatch.operator.report.ReportFamily;
import dev.policymatch.operator.report.ReportNames;
import dev.policymatch.render.ReportComposer;
import dev.policymatch.source.document.CalicoApiGroup;
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
 * Keeps {@code hep.<name>} in the report namespace equal to what applies to HostEndpoint
 * {@code <name>}. Triggered by the HostEndpoint itself (labels included, hence not generation-aware),
 * by its report (an edited or deleted report is put back; which endpoint a report belongs to is
 * decided by {@link ReportToEndpointMapper}, not by the report's owner reference), and by {@link EndpointChangeEventSource}
 * when a policy, profile or tier change altered this endpoint's match. Deletes are delivered too
 * ({@code triggerReconcilerOnAllEvents}), so the operator needs no finalizer on Calico's objects,
 * which it may only read.
 */
@ControllerConfiguration(name = HostEndpointReconciler.NAME, generationAwareEventProcessing = false,
        triggerReconcilerOnAllEvents = true)
public abstract sealed class HostEndpointReconciler<R extends CalicoHostEndpointResource> implements Reconciler<R> {

    public static final String NAME = "hostendpoints";

    /** JOSDK reads the primary's class from the reconciler's type argument: one class per group. */
    private static final class InV1 extends HostEndpointReconciler<CalicoHostEndpointResource> {
        InV1(Settings settings) {
            super(CalicoHostEndpointResource.class, settings);
        }
    }

    private static final class InV3 extends HostEndpointReconciler<CalicoHostEndpointResource.InV3> {
        InV3(Settings settings) {
            super(CalicoHostEndpointResource.InV3.class, settings);
        }
    }

    private record Settings(String reportNamespace, CalicoInputs inputs, HostEndpointIntake intake,
            EndpointReports reports, WarningEvents warnings, ListPageSize listPageSize) {
    }

    /** The controller of the HostEndpoints of {@code group}. */
    public static HostEndpointReconciler<?> inGroup(CalicoApiGroup group, String reportNamespace, CalicoInputs inputs,
            HostEndpointIntake intake, EndpointReports reports, WarningEvents warnings, ListPageSize listPageSize) {
        Settings settings = new Settings(reportNamespace, inputs, intake, reports, warnings, listPageSize);
        return switch (group) {
            case CRD_V1 -> new InV1(settings);
            case PROJECTCALICO_V3 -> new InV3(settings);
        };
    }

    private final Class<R> primaryClass;
    private final String reportNamespace;
    private final CalicoInputs inputs;
    private final HostEndpointIntake intake;
    private final EndpointReports reports;
    private final WarningEvents warnings;
    private final ListPageSize listPageSize;
    private CachedReports<R> cachedReports;
    private InformerEventSource<PolicyMatchReport, R> reportInformer;

    private HostEndpointReconciler(Class<R> primaryClass, Settings settings) {
        this.primaryClass = primaryClass;
        this.reportNamespace = settings.reportNamespace();
        this.inputs = settings.inputs();
        this.intake = settings.intake();
        this.reports = settings.reports();
        this.warnings = settings.warnings();
        this.listPageSize = settings.listPageSize();
    }

    /** This controller's reports and endpoints as its caches hold them; once its event sources are prepared. */
    public ReportFamily reportFamily() {
        return cachedReports;
    }

    @Override
    public List<EventSource<?, R>> prepareEventSources(EventSourceContext<R> context) {
        var endpointOfReport = new ReportToEndpointMapper<R>(context,
                endpoint -> new ResourceID(ReportNames.forHostEndpoint(endpoint.getMetadata().getName()),
                        reportNamespace),
                report -> ReportNames.hostEndpointNamed(report.getName())
                        .filter(name -> report.getNamespace().equals(Optional.of(reportNamespace)))
                        .map(ResourceID::new));
        reportInformer = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(PolicyMatchReport.class, primaryClass)
                        .withName("reports")
                        .withNamespaces(Set.of(reportNamespace))
                        .withLabelSelector(ReportNames.hostSelector())
                        .withInformerListLimit(listPageSize.limit())
                        .withItemStore(reports.newReportCache())
                        .withOnAddFilter(EndpointReports.IGNORE_ADDED_REPORTS)
                        .withSecondaryToPrimaryMapper(endpointOfReport)
                        .withPrimaryToSecondaryMapper(endpointOfReport::reportsOf)
                        .build(),
                context);
        var endpointCache = context.getPrimaryCache();
        cachedReports = new CachedReports<>("host endpoints", reportInformer::keys,
                endpointOfReport::endpointsOf, endpointCache::get,
                endpoint -> reports.covers(EndpointKind.HOST, null));
        return List.of(reportInformer, new EndpointChangeEventSource<>(inputs, EndpointKind.HOST));
    }

    @Override
    public UpdateControl<R> reconcile(R resource, Context<R> context) {
        String name = resource.getMetadata().getName();
        String reportName = ReportNames.forHostEndpoint(name);
        if (context.isPrimaryResourceDeleted()) {
            intake.remove(name);
            reports.withdraw(reportNamespace, reportName, true);
            warnings.forget(name);
            return UpdateControl.noUpdate();
        }
        Intake<HostEndpoint> intook = intake.accept(resource);
        EndpointReports.Target target = new EndpointReports.Target(reportNamespace, reportName,
                ReportNames.hostLabels(), describe(resource, intook.endpoint()));
        EndpointState state = reports.publish(resource, target, intook, context, reportInformer);
        if (state == EndpointState.INVALID) {
            warnings.warnOnce(resource, Reasons.INVALID_HOST_ENDPOINT,
                    ReportComposer.violationsMessageWithin(intook.violations(), WarningEvents.MAX_MESSAGE_BYTES));
        }
        return UpdateControl.noUpdate();
    }

    /** The spec's endpoint; for an object that could not be converted, what can be read of it. */
    static ReportedEndpoint describe(CalicoHostEndpointResource resource, Optional<HostEndpoint> endpoint) {
        String name = resource.getMetadata().getName();
        String node = endpoint.map(HostEndpoint::node).orElseGet(() -> rawNode(resource));
        String fullName = endpoint.map(HostEndpoint::fullName).orElse((node == null ? "" : node) + "/" + name);
        return new ReportedEndpoint(EndpointKind.HOST_LABEL, name, node, fullName);
    }

    private static String rawNode(CalicoHostEndpointResource resource) {
        Object spec = resource.getAdditionalProperties().get("spec");
        if (spec instanceof java.util.Map<?, ?> map && map.get("node") instanceof String node) {
            return node;
        }
        return null;
    }
}
