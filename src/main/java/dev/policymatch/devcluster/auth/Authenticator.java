package dev.policymatch.devcluster.auth;

import java.util.Optional;

/**
 * Who a request is from, by its {@code Authorization} header: a bearer token the server issued
 * ({@link ServiceAccountTokens}) is that service account, an unknown token is refused (401), and no
 * credentials at all is the embedded server's administrator ({@link User#ADMIN}).
 */
public final class Authenticator {

    private static final String BEARER = "bearer ";
    private final ServiceAccountTokens tokens;

    public Authenticator(ServiceAccountTokens tokens) {
        this.tokens = tokens;
    }

    /** @return the user, or empty for credentials the server does not know (a 401) */
    public Optional<User> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            return Optional.of(User.ADMIN);
        }
        String header = authorizationHeader.trim();
        if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return tokens.user(header.substring(BEARER.length()).trim());
    }
}
