package dev.policymatch.cli;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** calicoq's {@code -o} values, and {@code markdown}, which only {@code diff} takes. */
public enum OutputFormat {
    PS, JSON, YAML, MARKDOWN;

    /** What every command takes. */
    public static final Set<OutputFormat> CALICOQ = Collections.unmodifiableSet(EnumSet.of(PS, JSON, YAML));

    /** {@code ps}, {@code json}, ...: as {@code -o} takes it. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format for an {@code -o} value among those a command takes; calicoq's own message when there is none. */
    public static OutputFormat parse(String value, Set<OutputFormat> taken) throws CliException {
        for (OutputFormat format : taken) {
            if (format.value().equals(value)) {
                return format;
            }
        }
        // calicoq's wording, kept exactly so scripts that match on it keep working; it lists what this command takes.
        List<String> others = taken.stream().filter(format -> format != PS).map(OutputFormat::value).toList();
        throw new CliException(CliException.FAILURE, "Output Format: \"" + value
                + "\" is not valid. Output Format must be one of " + String.join(", ", others) + ", or ps", false);
    }
}
