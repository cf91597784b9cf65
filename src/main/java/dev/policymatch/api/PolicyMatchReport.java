package dev.policymatch.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Which Calico policies and profiles apply to one endpoint, kept up to date by the operator. A host
 * endpoint's report is named {@code hep.<name>} and lives in the operator's namespace; it is owned by
 * its endpoint.
 *
 * <p>All columns are declared here, in display order, because the API server shows only the Name
 * column plus these once any are declared (no implicit Age). MATCHED and VALID read a condition's
 * status through a JSONPath filter, as Strimzi's READY column does. UNDECIDED INGRESS and UNDECIDED EGRESS
 * ({@code Deny} or {@code Profiles}) have priority 1: {@code kubectl get -o wide} shows them after AGE, the
 * default view does not; the tier where traffic is dropped needs {@code -o yaml} (a column cannot join two fields).
 */
@Group(PolicyMatchReport.GROUP)
@Version(PolicyMatchReport.VERSION)
@Kind(PolicyMatchReport.KIND)
@Plural(PolicyMatchReport.PLURAL)
@Singular("policymatchreport")
@ShortNames("pmr")
@Categories("policymatch")
@AdditionalPrinterColumn(name = "Endpoint", type = Type.STRING, jsonPath = ".spec.endpoint.fullName")
@AdditionalPrinterColumn(name = "Node", type = Type.STRING, jsonPath = ".spec.endpoint.node")
@AdditionalPrinterColumn(name = "Policies", type = Type.INTEGER, jsonPath = ".status.counts.policies")
@AdditionalPrinterColumn(name = "Profiles", type = Type.INTEGER, jsonPath = ".status.counts.profiles")
@AdditionalPrinterColumn(name = "Rule Matches", type = Type.INTEGER, jsonPath = ".status.counts.ruleMatches")
@AdditionalPrinterColumn(name = "Matched", type = Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Matched\")].status")
@AdditionalPrinterColumn(name = "Valid", type = Type.STRING,
        jsonPath = ".status.conditions[?(@.type==\"Valid\")].status")
@AdditionalPrinterColumn(name = "Age", type = Type.DATE, jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(name = "Undecided Ingress", type = Type.STRING, jsonPath = ".status.ingress.undecided.action",
        priority = 1)
@AdditionalPrinterColumn(name = "Undecided Egress", type = Type.STRING, jsonPath = ".status.egress.undecided.action",
        priority = 1)
public class PolicyMatchReport extends CustomResource<PolicyMatchReportSpec, PolicyMatchReportStatus>
        implements Namespaced {

    public static final String GROUP = "policymatch.dev";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "PolicyMatchReport";
    public static final String PLURAL = "policymatchreports";
    /** The name of the generated CRD, and of the file the generator writes ({@code <crd name>-v1.yml}). */
    public static final String CRD_NAME = PLURAL + "." + GROUP;

    @Override
    protected PolicyMatchReportSpec initSpec() {
        return new PolicyMatchReportSpec();
    }
}
