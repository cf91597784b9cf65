package dev.policymatch.diff;

import java.util.List;

/**
 * A profile an endpoint gained or lost, or that it lists on both sides while the Profile resource changed.
 *
 * @param fields for {@link Delta#MODIFIED}: the fields that differ; {@code resource added} or
 *               {@code resource removed} when the Profile resource appeared or vanished
 */
public record ProfileChange(Delta delta, String name, List<String> fields) {
    public ProfileChange {
        fields = List.copyOf(fields);
    }
}
