package dev.policymatch.api;

import java.util.Objects;

/** What the report is about: one endpoint. */
public class PolicyMatchReportSpec {

    private ReportedEndpoint endpoint;

    public PolicyMatchReportSpec() {
    }

    public PolicyMatchReportSpec(ReportedEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public ReportedEndpoint getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(ReportedEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PolicyMatchReportSpec other && Objects.equals(endpoint, other.endpoint);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(endpoint);
    }

    @Override
    public String toString() {
        return "PolicyMatchReportSpec{endpoint=" + endpoint + "}";
    }
}
