package dev.coldbrew.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coldbrew.runtime.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The downstream the network-bound function calls, on 127.0.0.1 and a free port:
 * <ul>
 *   <li>{@code GET /items/{id}}: a small deterministic JSON document about the item;</li>
 *   <li>{@code ?delayMs=N} on any path: answers after N ms (a slow dependency);</li>
 *   <li>{@code GET /status/{code}}: answers with that HTTP status (a failing dependency).</li>
 * </ul>
 */
public final class LocalHttpEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private LocalHttpEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static LocalHttpEndpoint start() throws IOException {
        return start(0);
    }

    public static LocalHttpEndpoint start(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", LocalHttpEndpoint::handle);
        server.start();
        return new LocalHttpEndpoint(server, executor);
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            delayIfAsked(exchange.getRequestURI().getQuery());
            String[] parts = exchange.getRequestURI().getPath().split("/");
            if (parts.length == 3 && parts[1].equals("items")) {
                respond(exchange, 200, Json.write(item(parts[2])));
            } else if (parts.length == 3 && parts[1].equals("status") && parts[2].matches("[1-5]\\d\\d")) {
                int status = Integer.parseInt(parts[2]);
                respond(exchange, status, Json.write(Map.of("status", status)));
            } else {
                respond(exchange, 404, Json.write(Map.of("message", "no such path: " + exchange.getRequestURI().getPath())));
            }
        }
    }

    /** Same id, same document: the function's exemplar response depends on it. */
    static Map<String, Object> item(String id) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("name", "item " + id);
        item.put("stock", Math.floorMod(id.hashCode(), 100));
        return item;
    }

    private static void delayIfAsked(String query) {
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("delayMs=")) {
                try {
                    Thread.sleep(Long.parseLong(pair.substring("delayMs=".length())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (NumberFormatException e) {
                    // ignore a malformed delay: answer at once
                }
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
