package dev.coldbrew.images;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lambda Runtime API (2018-06-01) for one invocation, on 127.0.0.1: the first {@code invocation/next} gets
 * the event, later ones wait until the stub closes; the first response, function error or init error is
 * recorded as the outcome.
 */
final class RuntimeApiStub implements AutoCloseable {
    static final String REQUEST_ID = "image-test-0001";
    private static final String PREFIX = "/2018-06-01/runtime/";

    /** What the runtime posted: {@code response}, {@code error} or {@code init/error}, its body and error type. */
    record Outcome(String kind, String body, String errorType) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final byte[] event;
    private final AtomicInteger nextCalls = new AtomicInteger();
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    RuntimeApiStub(byte[] event) throws IOException {
        this.event = event;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** The value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String errorType = exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type");
            if (exchange.getRequestMethod().equals("GET") && path.equals("invocation/next")) {
                if (nextCalls.incrementAndGet() > 1) {
                    closing.await(); // the one invocation is over; the runtime waits here as it would on Lambda
                    exchange.sendResponseHeaders(500, -1);
                    return;
                }
                // The runtime client's native HTTP client crashes (SIGSEGV) on an invocation without a Content-Type.
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", REQUEST_ID);
                exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", String.valueOf(System.currentTimeMillis() + 300_000));
                exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                        "arn:aws:lambda:us-east-1:000000000000:function:DynamoDbSerialImageFunction");
                exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                exchange.sendResponseHeaders(200, event.length);
                exchange.getResponseBody().write(event);
            } else if (path.equals("invocation/" + REQUEST_ID + "/response")) {
                posted(exchange, new Outcome("response", body, null));
            } else if (path.equals("invocation/" + REQUEST_ID + "/error")) {
                posted(exchange, new Outcome("error", body, errorType));
            } else if (path.equals("init/error")) {
                posted(exchange, new Outcome("init/error", body, errorType));
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void posted(HttpExchange exchange, Outcome posted) throws IOException {
        outcome.complete(posted);
        exchange.sendResponseHeaders(202, -1);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
