package dev.policymatch.operator.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The operator's one HTTP port (default 8080): {@code /metrics} in the Prometheus text format,
 * {@code /healthz} (200 while the process can answer at all) and {@code /readyz} (200 when the
 * readiness check passes, JOSDK's {@code RuntimeInfo.allEventSourcesAreHealthy()} in the operator,
 * else 503). Served by {@link BoundedHttpServer}, so slow or hostile clients cannot starve the probes:
 * the probes are answered on its I/O thread, and scrapes on a thread of their own, one at a time,
 * requests that arrive during a scrape sharing its answer.
 */
public final class MetricsAndProbesServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 8080;
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * 64 connections (Prometheus and the kubelet need a few); a head of at most 8 KiB (kubelet's and
     * Prometheus' are under 1 KiB), in full within 5 s of connecting; 30 s to take an answer (a scrape
     * at 10,000 endpoints is a few MB); 32 MiB of answers not yet taken (a few scrapes).
     */
    static final BoundedHttpServer.Limits LIMITS = new BoundedHttpServer.Limits(64, 8 * 1024,
            Duration.ofSeconds(5), Duration.ofSeconds(30), 32L << 20);

    private final BoundedHttpServer server;
    private final ExecutorService scrapes;

    private MetricsAndProbesServer(BoundedHttpServer server, ExecutorService scrapes) {
        this.server = server;
        this.scrapes = scrapes;
    }

    /**
     * Starts serving on {@code address} (port 0: a free port).
     *
     * @param readiness asked on every {@code /readyz}, on the server's I/O thread: must be cheap, must
     *                  not block (a throw means not ready)
     * @throws java.io.UncheckedIOException when it cannot listen there
     */
    public static MetricsAndProbesServer start(InetSocketAddress address, PrometheusMeterRegistry registry,
            BooleanSupplier readiness) {
        ExecutorService scrapes = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-scrape");
            t.setDaemon(true);
            return t;
        });
        Routes routes = new Routes(registry, readiness, scrapes);
        try {
            return new MetricsAndProbesServer(BoundedHttpServer.start(address, LIMITS, routes::handle,
                    "metrics-and-probes"), scrapes);
        } catch (RuntimeException e) {
            scrapes.shutdownNow();
            throw e;
        }
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        scrapes.shutdownNow();
    }

    /** The three paths; everything else is 404, and anything but GET and HEAD 405. */
    private static final class Routes {
        private final PrometheusMeterRegistry registry;
        private final BooleanSupplier readiness;
        private final ExecutorService scrapes;
        private CompletableFuture<Response> scrapeInFlight = CompletableFuture.completedFuture(null);

        Routes(PrometheusMeterRegistry registry, BooleanSupplier readiness, ExecutorService scrapes) {
            this.registry = registry;
            this.readiness = readiness;
            this.scrapes = scrapes;
        }

        CompletionStage<Response> handle(RequestHead request) {
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                return CompletableFuture.completedFuture(new Response(405, Response.TEXT,
                        "method not allowed\n".getBytes(StandardCharsets.UTF_8), Map.of("Allow", "GET, HEAD")));
            }
            return switch (request.path()) {
                case "/metrics" -> scrape();
                case "/healthz" -> CompletableFuture.completedFuture(Response.text(200, "ok\n"));
                case "/readyz" -> CompletableFuture.completedFuture(ready()
                        ? Response.text(200, "ok\n") : Response.text(503, "not ready\n"));
                default -> CompletableFuture.completedFuture(Response.text(404, "not found\n"));
            };
        }

        /** Called on the I/O thread only, so {@code scrapeInFlight} needs no lock. */
        private CompletableFuture<Response> scrape() {
            if (scrapeInFlight.isDone()) {
                scrapeInFlight = CompletableFuture.supplyAsync(() -> new Response(200, PROMETHEUS_TEXT,
                        registry.scrape().getBytes(StandardCharsets.UTF_8), Map.of()), scrapes);
            }
            return scrapeInFlight;
        }

        private boolean ready() {
            try {
                return readiness.getAsBoolean();
            } catch (RuntimeException e) {
                return false;
            }
        }
    }
}
