package dev.policymatch.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warning events on the user's resources, each said once: the event's name is derived from the
 * resource's uid, the reason and the message, so the same problem seen again (on a resync, after a
 * restart, by a second replica) hits "already exists" instead of adding an event; a new problem on
 * the same resource (other violations) is a new event. A set of what was already said saves the API
 * call on every reconcile.
 *
 * <p>Events of cluster-scoped resources (HostEndpoint, GlobalNetworkPolicy) go to {@code default},
 * where {@code kubectl describe} looks for them.
 */
public final class WarningEvents {

    private static final Logger LOG = LoggerFactory.getLogger(WarningEvents.class);
    public static final String COMPONENT = "policymatch-operator";
    /**
     * The longest message an event gets, in UTF-8 bytes: kube-apiserver refuses more in an
     * {@code events.k8s.io/v1} Event's {@code note} and in a {@code core/v1} Event that has an
     * {@code eventTime} ({@code NoteLengthLimit}, pkg/apis/core/validation/events.go), and kube-scheduler
     * cuts its own event messages to it ({@code truncateMessage}, pkg/scheduler/schedule_one.go). A
     * {@code core/v1} Event without {@code eventTime}, as sent here, is bounded only by the object size
     * (1.5 MiB), but is read through {@code events.k8s.io/v1} as well.
     */
    public static final int MAX_MESSAGE_BYTES = 1024;
    private static final String CUT = "...";

    private final KubernetesClient client;
    private final Clock clock;
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    public WarningEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * Records a Warning on {@code resource} unless this exact warning was recorded before; never throws. A
     * message over {@link #MAX_MESSAGE_BYTES} is cut; the cut text is what identifies the warning.
     */
    public void warnOnce(HasMetadata resource, String reason, String message) {
        String text = withinLimit(message);
        String uid = resource.getMetadata().getUid();
        String name = eventName(resource.getMetadata().getName(), uid + "/" + reason + "/" + text);
        if (!said.add(name)) {
            return;
        }
        String namespace = resource.getMetadata().getNamespace() == null ? "default"
                : resource.getMetadata().getNamespace();
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        var event = new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(resource.getApiVersion()).withKind(resource.getKind())
                        .withName(resource.getMetadata().getName()).withNamespace(resource.getMetadata().getNamespace())
                        .withUid(uid).withResourceVersion(resource.getMetadata().getResourceVersion())
                        .build())
                .withType("Warning").withReason(reason).withMessage(text)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
            LOG.warn("{} {}: {}: {}", resource.getKind(), resource.getMetadata().getName(), reason, text);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                // Not said after all: try again next time.
                said.remove(name);
                LOG.warn("could not record event {} on {} {}: {}", reason, resource.getKind(),
                        resource.getMetadata().getName(), e.getMessage());
            }
        }
    }

    /** Forgets what was said about a resource that is gone, so memory follows the cluster. */
    public void forget(String resourceName) {
        said.removeIf(name -> name.startsWith(resourceName + "."));
    }

    /** {@code message}, or its start and {@code ...} in {@link #MAX_MESSAGE_BYTES}, cut between characters. */
    static String withinLimit(String message) {
        byte[] utf8 = message.getBytes(StandardCharsets.UTF_8);
        if (utf8.length <= MAX_MESSAGE_BYTES) {
            return message;
        }
        int end = MAX_MESSAGE_BYTES - CUT.length();
        while ((utf8[end] & 0xC0) == 0x80) {
            end--; // a continuation byte: the character began before it
        }
        return new String(utf8, 0, end, StandardCharsets.UTF_8) + CUT;
    }

    static String eventName(String resourceName, String content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            String prefix = resourceName.length() > 200 ? resourceName.substring(0, 200) : resourceName;
            return prefix + "." + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
