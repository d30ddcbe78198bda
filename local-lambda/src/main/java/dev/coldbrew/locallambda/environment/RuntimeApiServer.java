package dev.coldbrew.locallambda.environment;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Lambda Runtime API (2018-06-01) for one execution environment, on its own loopback port, so the
 * runtime's requests need no routing: {@code invocation/next} (blocks until there is work),
 * {@code invocation/{id}/response}, {@code invocation/{id}/error}, {@code init/error}, and for SnapStart
 * {@code restore/next} (blocks until the environment is restored) and {@code restore/error}.
 */
final class RuntimeApiServer implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the environment does with the runtime's calls. */
    interface Listener {
        /** Blocks until the next invocation is handed over; null when the environment is closing. */
        Invocation next() throws InterruptedException;

        void response(String requestId, byte[] body);

        void error(String requestId, byte[] body, String errorType);

        void initError(byte[] body, String errorType);

        /** SnapStart: the init and the before-checkpoint hooks are done; blocks until the restore. */
        void restoreNext() throws InterruptedException;

        void restoreError(byte[] body, String errorType);

        String deadlineMs(Invocation invocation);
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Listener listener;

    RuntimeApiServer(Listener listener) throws IOException {
        this.listener = listener;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** host:port, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body = readBody(exchange.getRequestBody());
            String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            if (method.equals("GET") && path.equals("invocation/next")) {
                next(exchange);
            } else if (method.equals("GET") && path.equals("restore/next")) {
                try {
                    listener.restoreNext();
                    send(exchange, 200, "{}");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    send(exchange, 500, "{\"errorMessage\":\"Environment is shutting down\",\"errorType\":\"Runtime.Shutdown\"}");
                }
            } else if (method.equals("POST") && path.equals("restore/error")) {
                listener.restoreError(body, errorType);
                accepted(exchange);
            } else if (method.equals("POST") && path.equals("init/error")) {
                listener.initError(body, errorType);
                accepted(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/response")) {
                listener.response(requestId(path), body);
                accepted(exchange);
            } else if (method.equals("POST") && path.startsWith("invocation/") && path.endsWith("/error")) {
                listener.error(requestId(path), body, errorType);
                accepted(exchange);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"Unknown Runtime API path " + path + "\",\"errorType\":\"InvalidRequest\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Invocation invocation;
        try {
            invocation = listener.next();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            invocation = null;
        }
        if (invocation == null) {
            send(exchange, 500, "{\"errorMessage\":\"Environment is shutting down\",\"errorType\":\"Runtime.Shutdown\"}");
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", listener.deadlineMs(invocation));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", invocation.invokedFunctionArn());
        headers.set("Lambda-Runtime-Trace-Id", invocation.traceId());
        byte[] payload = invocation.payload();
        exchange.sendResponseHeaders(200, payload.length == 0 ? -1 : payload.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(payload);
        }
    }

    private static String requestId(String path) {
        return path.substring("invocation/".length(), path.lastIndexOf('/'));
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        send(exchange, 202, "{\"status\":\"OK\"}");
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readBody(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
