package dev.policymatch.match;

/**
 * Which selector of a rule matched an endpoint, spelled as calicoq prints it: the source or destination
 * {@code selector}, or the source or destination {@code notSelector} ({@code !source}, {@code !destination}).
 */
public enum RuleSide {
    SOURCE("source"), DESTINATION("destination"), NOT_SOURCE("!source"), NOT_DESTINATION("!destination");

    private final String label;

    RuleSide(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
