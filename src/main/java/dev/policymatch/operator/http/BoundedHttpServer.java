package dev.policymatch.operator.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server whose every resource is bounded, for an operator's probe and metrics port
 * that any pod in the cluster may be able to reach. One thread reads and writes every connection
 * without blocking, so a client that never finishes its request holds a connection slot and a
 * buffer, never a thread: the JDK's {@code HttpServer} reads a request head on a worker thread,
 * and two such clients took its two workers and the probes with them for 150 s.
 *
 * <ul>
 * <li>A request head must arrive whole within {@link Limits#headTimeout()} of the connection being
 * accepted (a byte a second does not keep it alive) and be at most {@link Limits#maxHeadBytes()}
 * (else 431).</li>
 * <li>At most {@link Limits#maxConnections()} connections; one more makes room by closing the oldest
 * that is still sending its head, so a flood of half-open connections cannot lock a probe out.</li>
 * <li>An answer must be taken by the client within {@link Limits#writeTimeout()}.</li>
 * <li>The answers not yet taken hold at most {@link Limits#maxAnswerBytesHeld()} of memory, a body
 * counted once however many connections share it; beyond, the oldest connection still taking another
 * answer is closed. Without this, clients that asked for a scrape and never read it kept a copy each
 * until the write deadline: 60 clients of a 10 MB scrape took 600 MB of heap.</li>
 * <li>One request per connection ({@code Connection: close}); a body is never read.</li>
 * </ul>
 *
 * <p>Why not a library: Vert.x core 4.5.24 (on the classpath for the embedded API server) was tried in
 * its place. Its options bound the head's size but not the time to send it (the idle timeout restarts
 * on every byte) nor the number of connections, so those still took handlers of our own; a whole
 * answer written at once is copied into direct memory per connection (60 clients that never read a 10
 * MB scrape blocked its event loop in {@code Bits.reserveMemory} under the pod's 32 MiB limit), so
 * writing in slices did too; and it fails {@code MetricsAndProbesServerTest}: an HTTP/1.0 request is
 * answered {@code HTTP/1.0}, bare-LF line ends are refused unless a JVM-wide Netty switch is turned
 * off, and a malformed request line gets {@code HTTP/1.0 400}. See docs/robustness.md.
 */
final class BoundedHttpServer implements AutoCloseable {

    /** How long the loop waits for I/O before it looks at the deadlines again. */
    private static final long TICK_MILLIS = 100;
    private static final int WRITE_SLICE = 64 * 1024;
    /** After an answer, how long unread input is drained so that closing does not reset the answer. */
    private static final Duration LINGER = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(BoundedHttpServer.class);

    record Limits(int maxConnections, int maxHeadBytes, Duration headTimeout, Duration writeTimeout,
            long maxAnswerBytesHeld) {
    }

    /** Answers a request; may complete on another thread. */
    interface Handler {
        CompletionStage<Response> handle(RequestHead head);
    }

    private enum Phase { READING_HEAD, HANDLING, WRITING, LINGERING }

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Limits limits;
    private final Handler handler;
    /** Every open connection, oldest first. Touched by the loop thread only. */
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final Queue<Runnable> answersFromHandlers = new ConcurrentLinkedQueue<>();
    /** The bodies being written, with how many connections write each. Touched by the loop thread only. */
    private final Map<byte[], Integer> answersHeld = new IdentityHashMap<>();
    private long answerBytesHeld;
    /** Where lingering connections' unread input goes. */
    private final ByteBuffer discard = ByteBuffer.allocate(4096);
    private final Thread loop;
    private volatile boolean closing;

    private BoundedHttpServer(ServerSocketChannel listener, Selector selector, Limits limits, Handler handler,
            String threadName) {
        this.listener = listener;
        this.selector = selector;
        this.limits = limits;
        this.handler = handler;
        this.loop = new Thread(this::run, threadName);
        loop.setDaemon(true);
    }

    /** Listens on {@code address} (port 0: a free port) and serves on a thread named {@code threadName}. */
    static BoundedHttpServer start(InetSocketAddress address, Limits limits, Handler handler, String threadName) {
        try {
            ServerSocketChannel listener = ServerSocketChannel.open();
            try {
                listener.bind(address, limits.maxConnections());
                listener.configureBlocking(false);
                Selector selector = Selector.open();
                listener.register(selector, SelectionKey.OP_ACCEPT);
                BoundedHttpServer server = new BoundedHttpServer(listener, selector, limits, handler, threadName);
                server.loop.start();
                return server;
            } catch (IOException | RuntimeException e) {
                listener.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address, e);
        }
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    private void run() {
        while (!closing) {
            try {
                selector.select(TICK_MILLIS);
                Runnable answer;
                while ((answer = answersFromHandlers.poll()) != null) {
                    answer.run();
                }
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    handleReady(key);
                }
                closeExpired(System.nanoTime());
            } catch (IOException | RuntimeException e) {
                LOG.warn("metrics and probes server: {}", e.toString());
            }
        }
        new ArrayList<>(connections).forEach(Connection::close);
    }

    /** One connection's trouble closes that connection; it must not end the loop that answers the probes. */
    private void handleReady(SelectionKey key) {
        if (!key.isValid()) {
            return;
        }
        if (key.isAcceptable()) {
            try {
                accept();
            } catch (IOException e) {
                LOG.warn("metrics and probes server cannot accept a connection: {}", e.toString());
            }
            return;
        }
        Connection connection = (Connection) key.attachment();
        try {
            if (key.isReadable()) {
                connection.onReadable();
            } else if (key.isWritable()) {
                connection.onWritable();
            }
        } catch (IOException | RuntimeException e) {
            connection.close();
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            if (connections.size() >= limits.maxConnections() && !makeRoom()) {
                channel.close();
                continue;
            }
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Connection connection = new Connection(channel);
            connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
            connections.add(connection);
        }
    }

    /** Closes the oldest connection still sending its head or lingering; false when there is none. */
    private boolean makeRoom() {
        Optional<Connection> oldest = connections.stream()
                .filter(c -> c.phase == Phase.READING_HEAD || c.phase == Phase.LINGERING).findFirst();
        oldest.ifPresent(Connection::close);
        return oldest.isPresent();
    }

    private void hold(Connection connection, byte[] body) {
        connection.heldAnswer = body;
        if (answersHeld.merge(body, 1, Integer::sum) == 1) {
            answerBytesHeld += body.length;
        }
        while (answerBytesHeld > limits.maxAnswerBytesHeld()) {
            Optional<Connection> oldest = connections.stream()
                    .filter(c -> c.heldAnswer != null && c.heldAnswer != body).findFirst();
            if (oldest.isEmpty()) {
                return;
            }
            oldest.get().close();
        }
    }

    private void release(Connection connection) {
        byte[] body = connection.heldAnswer;
        if (body == null) {
            return;
        }
        connection.heldAnswer = null;
        if (answersHeld.computeIfPresent(body, (b, holders) -> holders == 1 ? null : holders - 1) == null) {
            answerBytesHeld -= body.length;
        }
    }

    private void closeExpired(long now) {
        for (Connection connection : new ArrayList<>(connections)) {
            if (now - connection.deadline > 0) {
                connection.close();
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
            selector.close();
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One client connection; every method runs on the loop thread. */
    private final class Connection {
        private final SocketChannel channel;
        private final byte[] head = new byte[limits.maxHeadBytes()];
        private int headLength;
        private SelectionKey key;
        private Phase phase = Phase.READING_HEAD;
        private long deadline = System.nanoTime() + limits.headTimeout().toNanos();
        private ByteBuffer answerHead;
        /** A view of the answer's body, which connections given the same answer share. */
        private ByteBuffer answerBody;
        private byte[] heldAnswer;
        private boolean open = true;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        void onReadable() throws IOException {
            if (phase == Phase.LINGERING) {
                if (channel.read(discard.clear()) < 0) {
                    close();
                }
                return;
            }
            if (phase != Phase.READING_HEAD) {
                return;
            }
            int read = channel.read(ByteBuffer.wrap(head, headLength, head.length - headLength));
            if (read < 0) {
                close();
                return;
            }
            headLength += read;
            int end = RequestHead.endOfHead(head, headLength);
            if (end >= 0) {
                dispatch(RequestHead.parse(head, end));
            } else if (headLength == head.length) {
                answer(Response.text(431, "request head larger than " + head.length + " bytes\n"), true);
            }
        }

        private void dispatch(Optional<RequestHead> request) {
            if (request.isEmpty()) {
                answer(Response.text(400, "bad request line\n"), true);
                return;
            }
            phase = Phase.HANDLING;
            deadline = System.nanoTime() + limits.writeTimeout().toNanos();
            key.interestOps(0);
            boolean withBody = !request.get().method().equals("HEAD");
            handler.handle(request.get()).whenComplete((response, failure) -> {
                Response answer = failure == null ? response : Response.text(500, "internal error\n");
                answersFromHandlers.add(() -> answer(answer, withBody));
                selector.wakeup();
            });
        }

        private void answer(Response response, boolean withBody) {
            if (!open) {
                return;
            }
            phase = Phase.WRITING;
            deadline = System.nanoTime() + limits.writeTimeout().toNanos();
            answerHead = response.encodeHead();
            answerBody = ByteBuffer.wrap(withBody ? response.body() : new byte[0]).asReadOnlyBuffer();
            if (withBody) {
                hold(this, response.body());
            }
            try {
                onWritable();
            } catch (IOException e) {
                close();
            }
        }

        /**
         * Writes at most {@link #WRITE_SLICE} bytes a call: NIO copies a heap buffer into a temporary
         * direct one of the size it is given, and a scrape of several MB would need that much direct memory.
         */
        void onWritable() throws IOException {
            ByteBuffer out = answerHead.hasRemaining() ? answerHead : answerBody;
            int written = channel.write(out.duplicate().limit(out.position() + Math.min(out.remaining(), WRITE_SLICE)));
            out.position(out.position() + written);
            if (answerHead.hasRemaining() || answerBody.hasRemaining()) {
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            release(this);
            phase = Phase.LINGERING;
            deadline = System.nanoTime() + LINGER.toNanos();
            channel.shutdownOutput();
            key.interestOps(SelectionKey.OP_READ);
        }

        void close() {
            if (!open) {
                return;
            }
            open = false;
            connections.remove(this);
            release(this);
            if (key != null) {
                key.cancel();
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
