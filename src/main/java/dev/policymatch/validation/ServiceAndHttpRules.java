package dev.policymatch.validation;

import dev.policymatch.model.EntityMatch;
import dev.policymatch.model.HttpMatch;
import dev.policymatch.model.Policy;
import dev.policymatch.model.Rule;
import dev.policymatch.model.ServiceMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Calico's rules for a rule's {@code services} and {@code http} matches, as libcalico-go
 * {@code lib/validator/v3/validator.go} (v3.32.1) has them: {@code validateEntityRule}, {@code validateHTTPRule},
 * their part of {@code validateRule}, and what {@code validateNetworkPolicySpec} and
 * {@code validateGlobalNetworkPolicySpec} add for the rules of a policy.
 */
final class ServiceAndHttpRules {
    /** The {@code name} tag: {@code nameRegex}, a DNS-1123 subdomain without the length limit. */
    private static final Pattern SERVICE_NAME = Pattern.compile(KubernetesNames.DNS1123_SUBDOMAIN);

    private ServiceAndHttpRules() {
    }

    /**
     * What {@code validateNetworkPolicySpec} and {@code validateGlobalNetworkPolicySpec} add for the rules of
     * Calico's policy kinds (not profiles): no http match in an egress rule; services only as an egress rule's
     * destination or an ingress rule's source, and in a global policy with a namespace.
     */
    static void policyRules(List<Violation> violations, Policy policy) {
        for (int i = 0; i < policy.egress().size(); i++) {
            Rule rule = policy.egress().get(i);
            String field = "spec.egress[" + i + "]";
            if (rule.http() != null) {
                violations.add(new Violation(field + ".http", null, "is not allowed in egress rules"));
            }
            servicesSide(violations, field + ".source", rule.source(), "egress rule's source");
            serviceNamespace(violations, field + ".destination", rule.destination(), policy);
        }
        for (int i = 0; i < policy.ingress().size(); i++) {
            Rule rule = policy.ingress().get(i);
            String field = "spec.ingress[" + i + "]";
            servicesSide(violations, field + ".destination", rule.destination(), "ingress rule's destination");
            serviceNamespace(violations, field + ".source", rule.source(), policy);
        }
    }

    /** Services are matched only as an egress rule's destination or an ingress rule's source. */
    private static void servicesSide(List<Violation> violations, String field, EntityMatch entity, String side) {
        if (entity.services() != null) {
            violations.add(new Violation(field + ".services", null, "is not allowed in an " + side));
        }
    }

    /** Only {@code validateGlobalNetworkPolicySpec}: a global policy has no namespace to find the Service in. */
    private static void serviceNamespace(List<Violation> violations, String field, EntityMatch entity,
            Policy policy) {
        if (!policy.isNamespaced() && entity.services() != null && !present(entity.services().namespace())) {
            violations.add(new Violation(field + ".services.namespace", null,
                    "must be specified in a global policy"));
        }
    }

    /**
     * {@code validateHTTPRule} (methods without repeats; each path exactly one of exact and prefix, starting with
     * {@code /} and holding no {@code ?}, {@code #} or space), then {@code validateRule}: protocol TCP or none, and
     * only in Allow rules ({@code ruleUsesAppLayerPolicy}).
     */
    static void http(List<Violation> violations, String field, Rule rule) {
        HttpMatch http = rule.http();
        if (http == null) {
            return;
        }
        Set<String> methods = new HashSet<>();
        for (String method : http.methods()) {
            if (!methods.add(method)) {
                violations.add(new Violation(field + ".http.methods", method, "is listed more than once"));
            }
        }
        for (int i = 0; i < http.paths().size(); i++) {
            httpPath(violations, field + ".http.paths", i, http.paths().get(i));
        }
        if (rule.protocol() != null && !rule.protocol().equals("TCP")) {
            violations.add(new Violation(field + ".protocol", rule.protocol(),
                    "cannot be used with an http match: its protocol must be TCP (written as a name) or none"));
        }
        if (!"Allow".equals(rule.action())) {
            violations.add(new Violation(field + ".http", null, "is only valid in Allow rules"));
        }
    }

    private static void httpPath(List<Violation> violations, String field, int index, HttpMatch.Path path) {
        boolean exact = path.exact() != null && !path.exact().isEmpty();
        boolean prefix = path.prefix() != null && !path.prefix().isEmpty();
        if (exact == prefix) {
            violations.add(new Violation(field, null, "entry " + index + " must set exactly one of exact and prefix"
                    + (exact ? ", not both" : "")));
            return;
        }
        String value = exact ? path.exact() : path.prefix();
        if (!value.startsWith("/") || value.chars().anyMatch(c -> c == '?' || c == '#' || c == ' ')) {
            violations.add(new Violation(field, value, "(entry " + index + ") is not a valid path: it must start with "
                    + "\"/\" and contain no \"?\", \"#\" or space"));
        }
    }

    /** {@code validateRule}: a destination Service brings its own ports. */
    static void destinationServicePorts(List<Violation> violations, String field, EntityMatch destination) {
        if (destination.services() != null) {
            servicePorts(violations, field + ".ports", destination.ports());
            servicePorts(violations, field + ".notPorts", destination.notPorts());
        }
    }

    private static void servicePorts(List<Violation> violations, String field, List<String> ports) {
        if (!ports.isEmpty()) {
            violations.add(new Violation(field, null,
                    "cannot be given with a destination services match: the Service's own ports are used"));
        }
    }

    /**
     * {@code validateEntityRule}: a services match names a Service (the {@code name} tag on name and namespace) and
     * stands alone: no selector, notSelector, namespaceSelector, serviceAccounts, nets or notNets beside it.
     */
    static void services(List<Violation> violations, String field, EntityMatch entity) {
        ServiceMatch services = entity.services();
        if (services == null) {
            return;
        }
        if (services.name() == null || services.name().isEmpty()) {
            violations.add(new Violation(field + ".name", null, "must be specified"));
        }
        serviceName(violations, field + ".name", services.name());
        serviceName(violations, field + ".namespace", services.namespace());
        List<String> besides = new ArrayList<>();
        addIf(besides, present(entity.selector()), "selector");
        addIf(besides, present(entity.notSelector()), "notSelector");
        addIf(besides, present(entity.namespaceSelector()), "namespaceSelector");
        addIf(besides, entity.serviceAccounts() != null, "serviceAccounts");
        addIf(besides, !entity.nets().isEmpty(), "nets");
        addIf(besides, !entity.notNets().isEmpty(), "notNets");
        if (!besides.isEmpty()) {
            violations.add(new Violation(field, null, "cannot be combined with " + String.join(", ", besides)
                    + " in the same source or destination"));
        }
    }

    private static void serviceName(List<Violation> violations, String field, String name) {
        if (present(name) && !SERVICE_NAME.matcher(name).matches()) {
            violations.add(new Violation(field, name, "is not a valid name: " + KubernetesNames.SUBDOMAIN_FORMAT));
        }
    }

    private static boolean present(String text) {
        return text != null && !text.isEmpty();
    }

    private static void addIf(List<String> names, boolean condition, String name) {
        if (condition) {
            names.add(name);
        }
    }
}
