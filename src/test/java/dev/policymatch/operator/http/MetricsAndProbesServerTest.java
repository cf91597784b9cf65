package dev.policymatch.operator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsAndProbesServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private MetricsAndProbesServer server;

    @BeforeEach
    void start() throws Exception {
        server = MetricsAndProbesServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry,
                ready::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void metricsAreInThePrometheusTextFormat() throws Exception {
        registry.counter("policymatch_report_writes", "result", "created").increment(3);
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(MetricsAndProbesServer.PROMETHEUS_TEXT);
        assertThat(response.body())
                .contains("# TYPE policymatch_report_writes_total counter")
                .contains("policymatch_report_writes_total{result=\"created\"} 3.0");
    }

    @Test
    void aScrapeOfSeveralMegabytesArrivesWhole() throws Exception {
        for (int i = 0; i < 20_000; i++) {
            registry.counter("policymatch_test_series", Tags.of("endpoint",
                    "node-" + i + "/a-long-endpoint-name-to-make-the-scrape-large-" + "x".repeat(60))).increment(i);
        }
        String expected = registry.scrape();
        assertThat(expected.length()).isGreaterThan(2_000_000);
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).hasSize(expected.length()).contains("node-19999/");
    }

    @Test
    void healthzAnswersWhileAliveAndReadyzFollowsTheCheck() throws Exception {
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        ready.set(true);
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(get("/healthz").body()).isEqualTo("ok\n");
    }

    @Test
    void aFailingReadinessCheckMeansNotReady() throws Exception {
        server.close();
        server = MetricsAndProbesServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry,
                () -> {
                    throw new IllegalStateException("informers not started");
                });
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheThreePathsAndOnlyReads() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/extra").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri("/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void headGivesTheLengthWithoutTheBodyAndEveryAnswerClosesTheConnection() throws Exception {
        assertThat(raw("HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 3\r\nConnection: close\r\n\r\n");
        assertThat(raw("GET /healthz HTTP/1.0\n\n")).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nok\n");
    }

    @Test
    void aMalformedRequestLineIs400AndOtherMethods405() throws Exception {
        assertThat(raw("GET /healthz SPDY/3\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
        assertThat(raw("DELETE /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 405 Method Not Allowed\r\n")
                .contains("\r\nAllow: GET, HEAD\r\n");
    }

    /** Sends {@code request} as is and reads the answer until the server closes the connection. */
    private String raw(String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
