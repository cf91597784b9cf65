package dev.policymatch.diff;

import dev.policymatch.match.PolicyKey;
import dev.policymatch.model.EndpointKey;

/**
 * A resource's identity on either side of a diff.
 *
 * @param key the tier's or profile's name, a {@link PolicyKey} or an {@link EndpointKey}
 */
public record ResourceKey(Type type, Object key) {

    /** The resource types, in the order a diff lists them. */
    public enum Type { TIER, PROFILE, POLICY, ENDPOINT }

    public static ResourceKey tier(String name) {
        return new ResourceKey(Type.TIER, name);
    }

    public static ResourceKey profile(String name) {
        return new ResourceKey(Type.PROFILE, name);
    }

    public static ResourceKey policy(PolicyKey key) {
        return new ResourceKey(Type.POLICY, key);
    }

    public static ResourceKey endpoint(EndpointKey key) {
        return new ResourceKey(Type.ENDPOINT, key);
    }
}
