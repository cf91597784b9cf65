package dev.policymatch.operator.reconcile;

import dev.policymatch.operator.inputs.CalicoInputs;
import dev.policymatch.operator.inputs.CalicoInputs.NamespaceRelabel;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * Reconciles every pod of a namespace whose relabelling moved it into or out of the {@link ReportScope}, so
 * that their reports are written or withdrawn. The match index alone would not do: it triggers only the
 * pods whose match changed, and a pod the converter rejects is not in the index at all.
 */
final class NamespaceScopeEventSource extends AbstractEventSource<Void, Pod> {

    private final ReportScope scope;
    private final EventSourceContext<Pod> context;

    NamespaceScopeEventSource(CalicoInputs inputs, ReportScope scope, EventSourceContext<Pod> context) {
        super(Void.class, "report-scope-namespaces");
        this.scope = scope;
        this.context = context;
        if (scope.dependsOnNamespaceLabels()) {
            inputs.addNamespaceListener(this::relabelled);
        }
    }

    /** It carries no resources of its own. */
    @Override
    public Set<Void> getSecondaryResources(Pod primary) {
        return Set.of();
    }

    private void relabelled(NamespaceRelabel relabel) {
        if (!isRunning() || scope.coversNamespace(relabel.name(), relabel.before())
                == scope.coversNamespace(relabel.name(), relabel.after())) {
            return;
        }
        context.getPrimaryCache().list(relabel.name())
                .forEach(pod -> getEventHandler().handleEvent(new Event(ResourceID.fromResource(pod))));
    }
}
