package dev.policymatch.operator.reconcile;

import dev.policymatch.model.Endpoint;
import dev.policymatch.model.EndpointKey;
import dev.policymatch.validation.Violation;
import java.util.List;
import java.util.Optional;

/**
 * What became of one endpoint object: the endpoint (empty when the object could not be converted at
 * all) and everything wrong with it.
 */
public record Intake<E extends Endpoint>(Optional<E> endpoint, List<Violation> violations) {

    public Intake {
        violations = List.copyOf(violations);
    }

    public Optional<EndpointKey> key() {
        return endpoint.map(Endpoint::key);
    }
}
