package dev.policymatch.devcluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Access reviews in Kubernetes protobuf, encoded here field by field as kubectl's client-go encodes them. */
class ReviewProtobufTest {

    @Test
    void readsASelfSubjectAccessReviewsResourceAttributes() {
        byte[] attributes = concat(text(1, "policymatch-system"), text(2, "patch"), text(3, "coordination.k8s.io"),
                text(5, "leases"), text(7, "policymatch-operator"));
        byte[] review = envelope("authorization.k8s.io/v1", "SelfSubjectAccessReview",
                concat(message(1, new byte[0]), message(2, message(1, attributes))));

        assertThat(ReviewProtobuf.decode(review).toString()).isEqualTo("{\"apiVersion\":\"authorization.k8s.io/v1\","
                + "\"kind\":\"SelfSubjectAccessReview\",\"spec\":{\"resourceAttributes\":{\"namespace\":"
                + "\"policymatch-system\",\"verb\":\"patch\",\"group\":\"coordination.k8s.io\",\"resource\":\"leases\","
                + "\"name\":\"policymatch-operator\"}}}");
    }

    @Test
    void readsARulesReviewsNamespaceAndASubjectAccessReviewsUserAndGroups() {
        byte[] rules = envelope("authorization.k8s.io/v1", "SelfSubjectRulesReview", message(2, text(1, "shop")));
        assertThat(ReviewProtobuf.decode(rules).path("spec").path("namespace").asText()).isEqualTo("shop");

        byte[] subject = envelope("authorization.k8s.io/v1", "SubjectAccessReview", message(2, concat(
                message(2, concat(text(1, "/metrics"), text(2, "get"))), text(3, "jane"), text(4, "a"), text(4, "b"))));
        assertThat(ReviewProtobuf.decode(subject).path("spec").toString()).isEqualTo(
                "{\"nonResourceAttributes\":{\"path\":\"/metrics\",\"verb\":\"get\"},\"user\":\"jane\",\"groups\":[\"a\",\"b\"]}");
    }

    @Test
    void refusesWhatIsNotKubernetesProtobuf() {
        assertThatThrownBy(() -> ReviewProtobuf.decode("{}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not a Kubernetes protobuf object");
        byte[] review = envelope("authorization.k8s.io/v1", "SelfSubjectRulesReview", message(2, text(1, "shop")));
        assertThatThrownBy(() -> ReviewProtobuf.decode(Arrays.copyOf(review, review.length - 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("truncated");
    }

    private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
        byte[] unknown = concat(message(1, concat(text(1, apiVersion), text(2, kind))), message(2, raw),
                text(4, "application/vnd.kubernetes.protobuf"));
        return concat(new byte[] {0x6b, 0x38, 0x73, 0x00}, unknown);
    }

    private static byte[] text(int field, String value) {
        return message(field, value.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] message(int field, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) field << 3 | 2);
        varint(out, value.length);
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
