package dev.policymatch.operator.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The operator's one HTTP port (default 8080): {@code /metrics} in the Prometheus text format,
 * {@code /healthz} (200 while the process can answer at all) and {@code /readyz} (200 when the
 * readiness check passes, JOSDK's {@code RuntimeInfo.allEventSourcesAreHealthy()} in the operator,
 * else 503). The JDK's HTTP server keeps the image free of a web framework.
 */
public final class MetricsAndProbesServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 8080;
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsAndProbesServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on {@code address} (port 0: a free port).
     *
     * @param readiness asked on every {@code /readyz}; must be cheap and must not throw
     */
    public static MetricsAndProbesServer start(InetSocketAddress address, PrometheusMeterRegistry registry,
            BooleanSupplier readiness) {
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange, registry, readiness);
            }
        });
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "metrics-and-probes");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsAndProbesServer(server, executor);
    }

    private static void handle(HttpExchange exchange, PrometheusMeterRegistry registry, BooleanSupplier readiness)
            throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            return;
        }
        switch (exchange.getRequestURI().getPath()) {
            case "/metrics" -> respond(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
            case "/healthz" -> respond(exchange, 200, "text/plain; charset=utf-8", "ok\n");
            case "/readyz" -> {
                boolean ready;
                try {
                    ready = readiness.getAsBoolean();
                } catch (RuntimeException e) {
                    ready = false;
                }
                respond(exchange, ready ? 200 : 503, "text/plain; charset=utf-8", ready ? "ok\n" : "not ready\n");
            }
            default -> respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
        }
    }

    private static void respond(HttpExchange exchange, int code, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
