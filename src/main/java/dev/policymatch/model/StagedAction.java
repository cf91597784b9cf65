package dev.policymatch.model;

/**
 * What a staged policy would do when enforced ({@code api/pkg/apis/projectcalico/v3/policy_common.go}
 * {@code StagedAction}, Calico 3.30+; absent means {@code Set}). {@code Delete} stages the removal of the enforced
 * policy of the same name: Calico's update processors drop it, so it never reaches Felix.
 */
public enum StagedAction {
    SET("Set"), DELETE("Delete"), LEARN("Learn"), IGNORE("Ignore");

    private final String value;

    StagedAction(String value) {
        this.value = value;
    }

    /** As written in a manifest. */
    public String value() {
        return value;
    }
}
