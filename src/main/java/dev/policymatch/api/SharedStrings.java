package dev.policymatch.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of each string in report statuses, as far as a small cache allows. Statuses repeat the same
 * few thousand policy names, tiers, selectors and words across all endpoints. Written when the operator's
 * informers held every report whole (at 5,000 endpoints 60 % of the live heap was 1.3 million copies of
 * them); since issue 15 the report caches keep a digest instead ({@code operator.report.ReportLedger}), so
 * what it still shares is the statuses composed and read while reports are written.
 *
 * <p>A direct-mapped cache rather than {@link String#intern()} or a map: intern cost the cold start
 * 6 s of CPU at 5,000 endpoints (a native call per string, and every informer event deserializes a
 * report's few hundred strings), and a map would keep every value ever seen. Here a string's hash
 * picks one slot; an equal string there is returned instead of the new one, otherwise the new one takes
 * the slot. Colliding strings share less, nothing grows, and long strings (hostile selectors) are not
 * kept at all, so the cache holds at most {@code SLOTS × MAX_LENGTH} characters.
 */
final class SharedStrings {

    private static final int SLOTS = 1 << 15;
    private static final int MAX_LENGTH = 256;
    /** Racy by design: a reference write is atomic and a String is immutable, so a lost update only shares less. */
    private static final String[] CACHE = new String[SLOTS];

    private SharedStrings() {
    }

    static String of(String value) {
        if (value == null || value.length() > MAX_LENGTH) {
            return value;
        }
        int slot = (value.hashCode() * 0x9E3779B9) >>> (Integer.SIZE - Integer.numberOfTrailingZeros(SLOTS));
        String cached = CACHE[slot];
        if (value.equals(cached)) {
            return cached;
        }
        CACHE[slot] = value;
        return value;
    }

    static List<String> of(List<String> values) {
        List<String> shared = new ArrayList<>(values == null ? 0 : values.size());
        if (values != null) {
            values.forEach(v -> shared.add(of(v)));
        }
        return shared;
    }

    static Map<String, String> of(Map<String, String> values) {
        Map<String, String> shared = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> shared.put(of(k), of(v)));
        }
        return shared;
    }
}
