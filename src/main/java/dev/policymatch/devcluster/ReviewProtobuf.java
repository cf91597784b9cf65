package dev.policymatch.devcluster;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the access reviews {@code kubectl auth can-i} sends as Kubernetes protobuf (kubectl sends
 * built-in kinds that way and does not fall back to JSON) into their JSON form. Only the fields a
 * review's spec has are read, by their numbers in {@code k8s.io/api/authorization/v1/generated.proto}:
 * the envelope is the magic {@code k8s\0} and a {@code runtime.Unknown} (1 typeMeta, 2 raw), the
 * review's spec is field 2, its {@code resourceAttributes} 1 (namespace, verb, group, version,
 * resource, subresource, name: 1 to 7), {@code nonResourceAttributes} 2 (path 1, verb 2), a
 * SubjectAccessReview's {@code user} 3 and {@code groups} 4, a SelfSubjectRulesReview's namespace 1.
 */
final class ReviewProtobuf {

    private static final byte[] MAGIC = {0x6b, 0x38, 0x73, 0x00};
    private static final List<String> RESOURCE_ATTRIBUTES =
            List.of("namespace", "verb", "group", "version", "resource", "subresource", "name");

    private ReviewProtobuf() {
    }

    /** @throws IllegalArgumentException when the bytes are not a Kubernetes protobuf object */
    static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException("not a Kubernetes protobuf object");
        }
        byte[] raw = new byte[0];
        String apiVersion = "";
        String kind = "";
        for (Field field : fields(Arrays.copyOfRange(body, MAGIC.length, body.length))) {
            if (field.number() == 1) {
                for (Field typeMeta : fields(field.bytes())) {
                    if (typeMeta.number() == 1) {
                        apiVersion = typeMeta.text();
                    } else if (typeMeta.number() == 2) {
                        kind = typeMeta.text();
                    }
                }
            } else if (field.number() == 2) {
                raw = field.bytes();
            }
        }
        ObjectNode review = JsonNodeFactory.instance.objectNode();
        review.put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode spec = review.putObject("spec");
        for (Field field : fields(raw)) {
            if (field.number() == 2) {
                readSpec(kind, field.bytes(), spec);
            }
        }
        return review;
    }

    private static void readSpec(String kind, byte[] bytes, ObjectNode spec) {
        for (Field field : fields(bytes)) {
            if (kind.equals("SelfSubjectRulesReview")) {
                if (field.number() == 1) {
                    spec.put("namespace", field.text());
                }
                continue;
            }
            switch (field.number()) {
                case 1 -> strings(field.bytes(), RESOURCE_ATTRIBUTES, spec.putObject("resourceAttributes"));
                case 2 -> strings(field.bytes(), List.of("path", "verb"), spec.putObject("nonResourceAttributes"));
                case 3 -> spec.put("user", field.text());
                case 4 -> (spec.has("groups") ? (com.fasterxml.jackson.databind.node.ArrayNode) spec.get("groups")
                        : spec.putArray("groups")).add(field.text());
                default -> {
                }
            }
        }
    }

    /** String fields numbered 1.. named by {@code names}; others are skipped. */
    private static void strings(byte[] bytes, List<String> names, ObjectNode into) {
        for (Field field : fields(bytes)) {
            if (field.number() >= 1 && field.number() <= names.size() && field.bytes() != null) {
                into.put(names.get(field.number() - 1), field.text());
            }
        }
    }

    /** One field of a message: its number and, for a length-delimited field, its bytes (else null). */
    private record Field(int number, byte[] bytes) {
        String text() {
            return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The fields of a message in protobuf's wire format (varint, 64-bit, length-delimited, 32-bit). */
    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long key = varint(message, at);
            int number = (int) (key >>> 3);
            switch ((int) (key & 7)) {
                case 0 -> {
                    varint(message, at);
                    fields.add(new Field(number, null));
                }
                case 1 -> skip(message, at, 8);
                case 2 -> {
                    int length = (int) varint(message, at);
                    skip(message, at, 0);
                    if (length < 0 || at[0] + length > message.length) {
                        throw new IllegalArgumentException("truncated protobuf field " + number);
                    }
                    fields.add(new Field(number, Arrays.copyOfRange(message, at[0], at[0] + length)));
                    at[0] += length;
                }
                case 5 -> skip(message, at, 4);
                default -> throw new IllegalArgumentException("unsupported protobuf wire type in field " + number);
            }
        }
        return fields;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= message.length) {
                throw new IllegalArgumentException("truncated protobuf varint");
            }
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("protobuf varint too long");
    }

    private static void skip(byte[] message, int[] at, int bytes) {
        if (at[0] + bytes > message.length) {
            throw new IllegalArgumentException("truncated protobuf message");
        }
        at[0] += bytes;
    }
}
