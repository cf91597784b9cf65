package dev.policymatch.devcluster.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens the embedded server issues for service accounts, like the TokenRequest API a pod's
 * token comes from, and the user each one authenticates as. The tokens are opaque (a real server
 * issues signed JWTs) and live as long as the server.
 */
public final class ServiceAccountTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, User> users = new ConcurrentHashMap<>();

    public String issue(String namespace, String serviceAccount) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String token = "embedded." + HexFormat.of().formatHex(bytes);
        users.put(token, User.serviceAccount(namespace, serviceAccount));
        return token;
    }

    public Optional<User> user(String token) {
        return Optional.ofNullable(users.get(token));
    }
}
