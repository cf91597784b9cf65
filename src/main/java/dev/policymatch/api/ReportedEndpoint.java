package dev.policymatch.api;

import dev.policymatch.model.EndpointKind;
import io.fabric8.generator.annotation.Pattern;
import java.util.Objects;

/**
 * The endpoint a report describes. {@code fullName} is calicoq's
 * {@code <host-name>/<orchestrator-id>/<workload-id>/<endpoint-id>} form for workloads and
 * {@code <node>/<name>} for host endpoints; {@code kind} is an {@link EndpointKind} label.
 */
public class ReportedEndpoint {

    @Pattern("^(" + EndpointKind.HOST_LABEL + "|" + EndpointKind.WORKLOAD_LABEL + ")$")
    private String kind;
    private String name;
    private String node;
    private String fullName;

    public ReportedEndpoint() {
    }

    public ReportedEndpoint(String kind, String name, String node, String fullName) {
        this.kind = kind;
        this.name = name;
        this.node = node;
        this.fullName = fullName;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }

    public String getFullName() {
        return fullName;
    }

    public void setFullName(String fullName) {
        this.fullName = fullName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportedEndpoint other
                && Objects.equals(kind, other.kind)
                && Objects.equals(name, other.name)
                && Objects.equals(node, other.node)
                && Objects.equals(fullName, other.fullName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, name, node, fullName);
    }

    @Override
    public String toString() {
        return "ReportedEndpoint{kind=" + kind + ", name=" + name + ", node=" + node + ", fullName=" + fullName + "}";
    }
}
