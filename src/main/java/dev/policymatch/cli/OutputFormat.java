package dev.policymatch.cli;

import java.util.Locale;

/** calicoq's {@code -o} values. */
public enum OutputFormat {
    PS, JSON, YAML;

    /** The format for an {@code -o} value; calicoq's own message when there is none. */
    public static OutputFormat parse(String value) throws CliException {
        if (value != null) {
            for (OutputFormat format : values()) {
                if (format.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return format;
                }
            }
        }
        // calicoq's wording, kept exactly so scripts that match on it keep working.
        throw new CliException(CliException.FAILURE, "Output Format: \"" + value
                + "\" is not valid. Output Format must be one of json, yaml, or ps", false);
    }
}
