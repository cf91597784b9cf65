package dev.policymatch.diff;

import java.util.Objects;

/**
 * A yes/no property of an endpoint on both sides.
 *
 * @param base null when the endpoint is not in the base
 * @param head null when the endpoint is not in the head
 */
public record Flip(Boolean base, Boolean head) {

    /** Whether it differs between two sides that both have the endpoint. */
    public boolean flipped() {
        return base != null && head != null && !Objects.equals(base, head);
    }
}
