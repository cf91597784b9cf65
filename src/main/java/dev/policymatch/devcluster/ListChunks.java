package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.mockwebserver.crud.Attribute;
import io.fabric8.mockwebserver.crud.AttributeSet;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A list served in chunks, as kube-apiserver serves one when the client sends {@code limit} (Kubernetes
 * API concepts, "Retrieving large results sets in chunks"): at most {@code limit} items in key order
 * (namespace/name, as etcd returns them), {@code metadata.continue} while more remain and
 * {@code metadata.remainingItemCount} when the list has no selector; a request with {@code continue}
 * resumes after the last key of the previous chunk and carries that chunk's resourceVersion.
 *
 * <p>The token is the real server's (k8s.io/apiserver storage {@code EncodeContinue}): base64url of
 * {@code {"v":"meta.k8s.io/v1","rv":<list resourceVersion>,"start":"<last key>\u0000"}}, and a token that
 * does not decode is a 400 worded as the real server words it. This store keeps no history, so a
 * chunk shows the objects as they are now, not as they were at the token's resourceVersion, and a
 * token never expires (the real server answers 410 Expired once etcd has compacted that revision).
 */
final class ListChunks {

    private static final String VERSION = "meta.k8s.io/v1";

    private final long limit;
    private final Optional<Cursor> after;
    /** A selector hides how many of the remaining objects it selects; the real server then leaves the count out. */
    private final boolean selected;

    /** Where a continued list resumes: after {@code lastKey}, at the first chunk's resourceVersion. */
    record Cursor(long resourceVersion, String lastKey) {
    }

    /** One chunk: its items, the resourceVersion it reports, and the continuation while more remain. */
    record Chunk(List<String> items, long resourceVersion, Optional<String> continueToken,
            Optional<Long> remainingItemCount) {

        /** The list as the mock composes one, with the chunk's metadata. */
        String toJson() {
            StringBuilder json = new StringBuilder("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
            json.append(String.join(",", items)).append("],\"metadata\":{\"resourceVersion\":\"")
                    .append(resourceVersion).append('"');
            continueToken.ifPresent(token -> json.append(",\"continue\":\"").append(token).append('"'));
            remainingItemCount.ifPresent(count -> json.append(",\"remainingItemCount\":").append(count));
            return json.append("}}").toString();
        }
    }

    private ListChunks(long limit, Optional<Cursor> after, boolean selected) {
        this.limit = limit;
        this.after = after;
        this.selected = selected;
    }

    /**
     * The chunking a list request asks for: present when its query has a positive {@code limit} or a
     * {@code continue} token (a continuation without a limit returns everything that remains).
     *
     * @throws ApiStatusException 400 for a limit that is not a number or a token that does not decode
     */
    static Optional<ListChunks> requested(String path) {
        Map<String, String> query = query(path);
        String limitText = query.getOrDefault("limit", "");
        String token = query.getOrDefault("continue", "");
        long limit;
        try {
            limit = limitText.isEmpty() ? 0 : Long.parseLong(limitText);
        } catch (NumberFormatException e) {
            throw badRequest("limit: Invalid value: \"" + limitText + "\": must be an integer");
        }
        if (limit <= 0 && token.isEmpty()) {
            return Optional.empty();
        }
        Optional<Cursor> after = token.isEmpty() ? Optional.empty() : Optional.of(decode(token));
        boolean selected = !query.getOrDefault("labelSelector", "").isEmpty()
                || !query.getOrDefault("fieldSelector", "").isEmpty();
        return Optional.of(new ListChunks(Math.max(limit, 0), after, selected));
    }

    /**
     * The chunk of {@code matching} (the stored keys and objects the list selects, in any order) this
     * request asks for; {@code latestResourceVersion} is the list's version for a first chunk.
     */
    Chunk chunk(List<Map.Entry<AttributeSet, String>> matching, long latestResourceVersion) {
        // Only the page's keys are ordered (the largest `limit` kept in a heap): sorting every remaining key
        // for each page made paging through 100,000 reports quadratic.
        Comparator<Map.Entry<String, String>> byKey = Map.Entry.comparingByKey(Comparator.naturalOrder());
        PriorityQueue<Map.Entry<String, String>> page = new PriorityQueue<>(byKey.reversed());
        int remaining = 0;
        for (Map.Entry<AttributeSet, String> entry : matching) {
            String key = keyOf(entry.getKey());
            if (after.isPresent() && key.compareTo(after.get().lastKey()) <= 0) {
                continue;
            }
            remaining++;
            Map.Entry<String, String> candidate = Map.entry(key, entry.getValue());
            if (limit == 0 || page.size() < limit) {
                page.add(candidate);
            } else if (byKey.compare(candidate, page.peek()) < 0) {
                page.poll();
                page.add(candidate);
            }
        }
        List<Map.Entry<String, String>> ordered = new ArrayList<>(page);
        ordered.sort(byKey);
        long resourceVersion = after.map(Cursor::resourceVersion).orElse(latestResourceVersion);
        List<String> items = ordered.stream().map(Map.Entry::getValue).toList();
        if (ordered.size() == remaining) {
            return new Chunk(items, resourceVersion, Optional.empty(), Optional.empty());
        }
        String token = encode(resourceVersion, ordered.get(ordered.size() - 1).getKey());
        Optional<Long> left = selected ? Optional.empty() : Optional.of((long) (remaining - ordered.size()));
        return new Chunk(items, resourceVersion, Optional.of(token), left);
    }

    /** The object's etcd key below its resource type: {@code namespace/name}, or {@code name} for a cluster-scoped one. */
    private static String keyOf(AttributeSet key) {
        String name = value(key, KubernetesAttributesExtractor.NAME);
        String namespace = value(key, KubernetesAttributesExtractor.NAMESPACE);
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }

    private static String value(AttributeSet key, String attributeName) {
        Attribute attribute = key.getAttribute(attributeName);
        return attribute == null || attribute.getValues().isEmpty() ? "" : String.valueOf(attribute.getValues().get(0));
    }

    static String encode(long resourceVersion, String lastKey) {
        String json = Json.MAPPER.createObjectNode().put("v", VERSION).put("rv", resourceVersion)
                .put("start", lastKey + "\u0000").toString();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Cursor decode(String token) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token));
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw badRequest("invalid continue token: continue key is not valid: " + e.getMessage());
        }
        if (json == null || !VERSION.equals(json.path("v").asText())) {
            throw badRequest("invalid continue token: continue key is not valid: server does not recognize this encoded version \""
                    + (json == null ? "" : json.path("v").asText()) + "\"");
        }
        long resourceVersion = json.path("rv").asLong(0);
        if (resourceVersion <= 0) {
            throw badRequest("invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version "
                    + VERSION + ")");
        }
        String start = json.path("start").asText("");
        if (!start.endsWith("\u0000") || start.length() < 2) {
            throw badRequest("invalid continue token: continue key is not valid: encoded start key empty");
        }
        return new Cursor(resourceVersion, start.substring(0, start.length() - 1));
    }

    private static ApiStatusException badRequest(String message) {
        return new ApiStatusException(ApiStatus.of(400, "BadRequest", message));
    }

    private static Map<String, String> query(String path) {
        int q = path.indexOf('?');
        Map<String, String> params = new java.util.HashMap<>();
        if (q < 0) {
            return params;
        }
        for (String pair : path.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }
}
