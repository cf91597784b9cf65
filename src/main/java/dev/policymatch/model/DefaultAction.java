package dev.policymatch.model;

/**
 * What a tier does with traffic that reaches its end undecided: a policy of the tier governed the
 * direction, none allowed, denied or passed it ({@code api/pkg/apis/projectcalico/v3/tier.go}
 * {@code DefaultAction}; Felix's {@code felix/rules/endpoints.go} drops at the end of a tier unless it is
 * {@code Pass}).
 */
public enum DefaultAction {
    DENY("Deny"), PASS("Pass");

    private final String value;

    DefaultAction(String value) {
        this.value = value;
    }

    /** As Calico writes it. */
    public String value() {
        return value;
    }

    /**
     * The action of a Tier's {@code spec.defaultAction}: {@code Pass} only when it is exactly {@code Pass};
     * anything else, and an absent value, is {@code Deny} ("Any value except Pass is interpreted as Deny",
     * libcalico-go {@code syncersv1/updateprocessors/tierprocessor.go}).
     */
    public static DefaultAction of(String written) {
        return PASS.value.equals(written) ? PASS : DENY;
    }
}
