package dev.policymatch.operator.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.policymatch.api.PolicyMatchReportStatus;
import dev.policymatch.api.ReportCondition;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * What a report status says, in 128 bits: two statuses have the same digest exactly when they are
 * equal as {@link PolicyMatchReportStatus#equals} sees them, which is what deciding "unchanged" needs,
 * without keeping the status. It is the SHA-256 of the status's JSON with map keys sorted (the API server
 * returns a custom resource's keys sorted, the composer does not) and without the conditions'
 * {@code lastTransitionTime}, which equality ignores too. The JSON is that of the status's bean, after the
 * bean's own normalisation (lists never null), so a status read back from the server digests as the one
 * that was written.
 */
public record StatusDigest(long high, long low) {

    /** The digest of no status at all (a report just created). */
    public static final StatusDigest NONE = new StatusDigest(0, 0);

    private static final ObjectWriter CANONICAL = JsonMapper.builder()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .addMixIn(ReportCondition.class, TransitionTimeLeftOut.class)
            .build()
            .writerFor(PolicyMatchReportStatus.class);

    /** Jackson mix-in: the transition time is not part of what a condition says. */
    private abstract static class TransitionTimeLeftOut {
        @JsonIgnore
        abstract String getLastTransitionTime();
    }

    public static StatusDigest of(PolicyMatchReportStatus status) {
        if (status == null) {
            return NONE;
        }
        MessageDigest sha256 = sha256();
        try (OutputStream into = new DigestingStream(sha256)) {
            CANONICAL.writeValue(into, status);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot digest a report status", e);
        }
        ByteBuffer bytes = ByteBuffer.wrap(sha256.digest());
        return new StatusDigest(bytes.getLong(), bytes.getLong());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Feeds the JSON straight into the digest: no byte array of the whole status. */
    private static final class DigestingStream extends OutputStream {
        private final MessageDigest digest;

        DigestingStream(MessageDigest digest) {
            this.digest = digest;
        }

        @Override
        public void write(int b) {
            digest.update((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
        }
    }
}
