package dev.policymatch.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KubernetesClientFactoryTest {

    @ParameterizedTest(name = "{0}: HTTP/2 disabled {1}")
    @CsvSource({
            "http://127.0.0.1:6443,    true",
            "HTTP://localhost:8080,    true",
            "https://10.0.0.1:6443,    false",
            "https://api.example.com,  false"})
    void plainHttpServersAreSpokenToInHttp11AndTlsOnesKeepHttp2(String masterUrl, boolean http2Disabled) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(masterUrl).build();
        try (KubernetesClient client = KubernetesClientFactory.withDefaultTimeouts().build(config)) {
            assertThat(client.getConfiguration().isHttp2Disable()).isEqualTo(http2Disabled);
            assertThat(client.getConfiguration().getRequestTimeout())
                    .isEqualTo((int) KubernetesClientFactory.DEFAULT_REQUEST_TIMEOUT.toMillis());
        }
    }
}
