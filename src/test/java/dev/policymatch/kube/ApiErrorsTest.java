package dev.policymatch.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    private static KubernetesClientException answer(int code) {
        return new KubernetesClientException("answered " + code, code, null);
    }

    @Test
    void aNotFoundAnswerIsNotFoundAlsoWhenAnInformerWrappedIt() {
        assertThat(ApiErrors.isNotFound(answer(404))).isTrue();
        assertThat(ApiErrors.isNotFound(new IllegalStateException("informer failed", answer(404)))).isTrue();
        assertThat(ApiErrors.isNotFound(new KubernetesClientException("list failed", answer(404)))).isTrue();
    }

    @Test
    void otherAnswersAndOtherErrorsAreNot() {
        assertThat(ApiErrors.isNotFound(answer(403))).isFalse();
        assertThat(ApiErrors.isNotFound(new IllegalStateException("informer failed", answer(500)))).isFalse();
        assertThat(ApiErrors.isNotFound(new KubernetesClientException("no answer", new IOException("refused"))))
                .isFalse();
        assertThat(ApiErrors.isNotFound(new IOException("404"))).isFalse();
    }
}
