package dev.policymatch.validation;

import java.util.regex.Pattern;

/**
 * Kubernetes' name rules (apimachinery's validation package), which Calico applies to its resource
 * names, node names, profile names and labels. Each check returns the reason a value is invalid, or
 * null when it is valid; the reasons are Kubernetes' own wording.
 */
public final class KubernetesNames {
    static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
    private static final Pattern DNS1123_LABEL_PATTERN = Pattern.compile(DNS1123_LABEL);
    private static final Pattern DNS1123_SUBDOMAIN_PATTERN = Pattern.compile(DNS1123_SUBDOMAIN);
    private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern PORT_NAME = Pattern.compile("[-a-z0-9]+");

    static final String SUBDOMAIN_FORMAT = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character";

    private KubernetesNames() {
    }

    public static String dns1123Subdomain(String value) {
        if (value.length() > 253) {
            return "must be no more than 253 characters";
        }
        return DNS1123_SUBDOMAIN_PATTERN.matcher(value).matches() ? null : SUBDOMAIN_FORMAT;
    }

    public static String dns1123Label(String value) {
        if (value.length() > 63) {
            return "must be no more than 63 characters";
        }
        return DNS1123_LABEL_PATTERN.matcher(value).matches() ? null
                : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                        + "and must start and end with an alphanumeric character";
    }

    /** A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
    public static String qualifiedName(String value) {
        String name = value;
        int slash = value.indexOf('/');
        if (slash >= 0) {
            String prefix = value.substring(0, slash);
            name = value.substring(slash + 1);
            if (prefix.isEmpty()) {
                return "prefix part must be non-empty";
            }
            String prefixProblem = dns1123Subdomain(prefix);
            if (prefixProblem != null) {
                return "prefix part " + prefixProblem;
            }
        }
        if (name.isEmpty()) {
            return "name part must be non-empty";
        }
        if (name.length() > 63) {
            return "name part must be no more than 63 characters";
        }
        return QUALIFIED_NAME_PART.matcher(name).matches() ? null
                : "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                        + "with an alphanumeric character";
    }

    public static String labelValue(String value) {
        if (value.length() > 63) {
            return "must be no more than 63 characters";
        }
        return value.isEmpty() || QUALIFIED_NAME_PART.matcher(value).matches() ? null
                : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
                        + "and must start and end with an alphanumeric character";
    }

    /** An IANA service name, as Kubernetes requires of port names. */
    public static String portName(String value) {
        if (value.isEmpty() || value.length() > 15) {
            return "must be 1 to 15 characters";
        }
        if (!PORT_NAME.matcher(value).matches()) {
            return "must contain only lower case alphanumeric characters and '-'";
        }
        if (value.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            return "must contain at least one letter";
        }
        if (value.contains("--")) {
            return "must not contain consecutive hyphens";
        }
        if (value.startsWith("-") || value.endsWith("-")) {
            return "must not begin or end with a hyphen";
        }
        return null;
    }
}
