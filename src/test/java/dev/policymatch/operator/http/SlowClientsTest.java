package dev.policymatch.operator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 3: clients that never finish their request head (slowloris), or trickle it a byte a
 * second, must not keep the kubelet's probes or Prometheus from an answer; they are cut off, and the
 * server is as it was once they are gone.
 */
class SlowClientsTest {

    /** What the kubelet gives a probe by default ({@code timeoutSeconds: 1}). */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    private static final String UNFINISHED_HEAD = "GET /healthz HTTP/1.1\r\nHost: operator\r\nX-Slow: ";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Socket> attackers = new ArrayList<>();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private MetricsAndProbesServer server;

    @BeforeEach
    void start() {
        server = MetricsAndProbesServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), registry,
                () -> true);
    }

    @AfterEach
    void stop() throws IOException {
        trickle.shutdownNow();
        for (Socket socket : attackers) {
            socket.close();
        }
        server.close();
    }

    @Test
    void probesAnswerWithinASecondWhileSlowClientsHoldConnectionsAndTheSlowOnesAreCutOff() throws Exception {
        int silent = 40;
        int trickling = 20;
        for (int i = 0; i < silent; i++) {
            attackers.add(connectAndSend(UNFINISHED_HEAD));
        }
        List<Socket> tricklers = new ArrayList<>();
        for (int i = 0; i < trickling; i++) {
            tricklers.add(connectAndSend(""));
        }
        attackers.addAll(tricklers);
        trickle.scheduleAtFixedRate(() -> tricklers.forEach(SlowClientsTest::sendOneByte), 0, 1, TimeUnit.SECONDS);

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < until) {
            assertProbesAnswerInTime();
        }

        Duration cutOffWithin = MetricsAndProbesServer.LIMITS.headTimeout().plusSeconds(3);
        for (Socket socket : attackers) {
            assertThat(closedByServerWithin(socket, cutOffWithin)).as("slow client cut off").isTrue();
        }
        assertProbesAnswerInTime();
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
    }

    /** More half-open connections than the server keeps: the oldest unfinished ones make room. */
    @Test
    void aFloodOfUnfinishedRequestsBeyondTheConnectionLimitDoesNotLockProbesOut() throws Exception {
        for (int i = 0; i < MetricsAndProbesServer.LIMITS.maxConnections() * 2; i++) {
            attackers.add(connectAndSend(UNFINISHED_HEAD));
        }
        for (int i = 0; i < 10; i++) {
            assertProbesAnswerInTime();
        }
    }

    @Test
    void aHeadLargerThanTheLimitIsRefusedAndTheServerCarriesOn() throws Exception {
        Socket socket = connectAndSend("GET /healthz HTTP/1.1\r\nX-Big: "
                + "a".repeat(MetricsAndProbesServer.LIMITS.maxHeadBytes()) + "\r\n\r\n");
        attackers.add(socket);
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(answer).startsWith("HTTP/1.1 431 ");
        assertProbesAnswerInTime();
    }

    /**
     * Clients that ask for a scrape of several MB, one after another (so that each gets an answer of
     * its own), and never take it: the server keeps at most {@code maxAnswerBytesHeld} of answers for
     * them and cuts the oldest off. Before, each kept a copy until the 30 s write deadline: 60 such
     * clients of a 10 MB scrape took 600 MB of heap and the server's thread died of OutOfMemoryError.
     */
    @Test
    void clientsThatNeverTakeTheirScrapeAreCutOffBeyondTheAnswerBudget() throws Exception {
        for (int i = 0; i < 48_000; i++) {
            registry.counter("policymatch_test_series", Tags.of("endpoint",
                    "node-" + i + "/a-long-endpoint-name-to-make-the-scrape-large-" + "x".repeat(60))).increment(i);
        }
        int answerBytes = registry.scrape().length();
        assertThat(answerBytes).isGreaterThan(7_000_000);
        int stuck = 16;
        for (int i = 0; i < stuck; i++) {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
            socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            attackers.add(socket);
            socket.setSoTimeout(10_000);
            readHead(socket.getInputStream());
            assertProbesAnswerInTime();
        }

        long whole = attackers.stream().filter(socket -> receivesWhole(socket, answerBytes)).count();
        assertThat(whole).as("clients given their whole answer (the newest keeps its own)")
                .isBetween(1L, MetricsAndProbesServer.LIMITS.maxAnswerBytesHeld() / answerBytes + 1);
        assertThat(get("/metrics").statusCode()).isEqualTo(200);
    }

    /** Reads up to the end of an answer's head: the server has begun writing the answer. */
    private static void readHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        while (matched < end.length) {
            int b = in.read();
            assertThat(b).as("an answer's head").isNotEqualTo(-1);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    /** Takes the rest of the answer now: true when all {@code bodyBytes} arrive before the server closes. */
    private static boolean receivesWhole(Socket socket, int bodyBytes) {
        try {
            return socket.getInputStream().readAllBytes().length == bodyBytes;
        } catch (IOException cutOff) {
            return false;
        }
    }

    private void assertProbesAnswerInTime() throws Exception {
        for (String path : List.of("/healthz", "/readyz")) {
            long start = System.nanoTime();
            HttpResponse<String> response = get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as(path).isLessThan(PROBE_TIMEOUT);
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(PROBE_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private Socket connectAndSend(String text) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return socket;
    }

    private static void sendOneByte(Socket socket) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write('a');
            out.flush();
        } catch (IOException closed) {
            // cut off by the server: what the test waits for
        }
    }

    /** True when the server closes (EOF or reset) within {@code within}; the bytes before are ignored. */
    private static boolean closedByServerWithin(Socket socket, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        InputStream in = socket.getInputStream();
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            try {
                if (in.read() == -1) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }
}
