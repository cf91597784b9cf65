package dev.policymatch.source.document;

import com.fasterxml.jackson.databind.JsonNode;
import dev.policymatch.model.StagedAction;
import dev.policymatch.text.Quoted;

/**
 * A staged policy's {@code spec.stagedAction} ({@code api/pkg/apis/projectcalico/v3/policy_common.go}, Calico
 * 3.30+), read the same for the three staged kinds, whichever converter reads their other fields.
 */
public final class StagedActions {
    /**
     * Why a staged deletion gives no policy: the {@code staged*processor.go} update processors turn it into "no
     * value", so Felix never sees it.
     */
    public static final String DELETE_REASON =
            "stagedAction Delete stages the removal of a policy; Calico lists no staged policy for it";

    private StagedActions() {
    }

    /** The action; {@code Set} when absent (the CRD's default). */
    public static StagedAction read(Fields f, JsonNode spec) throws ResourceFormatException {
        String value = f.text(spec, "stagedAction", "spec.stagedAction");
        if (value == null || value.isEmpty()) {
            return StagedAction.SET;
        }
        for (StagedAction action : StagedAction.values()) {
            if (action.value().equals(value)) {
                return action;
            }
        }
        throw f.problem("spec.stagedAction", "expected Set, Delete, Learn or Ignore, got " + Quoted.of(value));
    }
}
