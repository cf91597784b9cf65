package dev.policymatch.devcluster.auth;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The distinct requests the authorizer decided for users other than privileged ones, allowed or
 * not, so that a test can say what an operator sent under its RBAC (and that nothing was refused).
 * Access reviews are questions, not requests: they are not recorded. Thread-safe.
 */
public final class AuthorizationLog {

    public record Entry(String user, RequestAttributes request, boolean allowed) {
    }

    private final Set<Entry> entries = ConcurrentHashMap.newKeySet();

    void record(User user, RequestAttributes request, Decision decision) {
        if (!user.isPrivileged()) {
            entries.add(new Entry(user.name(), request, decision.allowed()));
        }
    }

    /** The requests of {@code user} that were allowed. */
    public Set<RequestAttributes> allowed(String user) {
        return requests(user, true);
    }

    /** The requests of {@code user} that were refused with 403. */
    public Set<RequestAttributes> denied(String user) {
        return requests(user, false);
    }

    private Set<RequestAttributes> requests(String user, boolean allowed) {
        return entries.stream().filter(e -> e.user().equals(user) && e.allowed() == allowed)
                .map(Entry::request).collect(Collectors.toUnmodifiableSet());
    }

    public void clear() {
        entries.clear();
    }
}
