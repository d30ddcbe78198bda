package dev.coldbrew.locallambda.api;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.coldbrew.locallambda.Invoker;
import dev.coldbrew.locallambda.environment.EnvironmentPool;
import dev.coldbrew.lambda.function.FunctionConfiguration;
import dev.coldbrew.locallambda.function.FunctionRegistry;
import dev.coldbrew.locallambda.function.LambdaApiException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The Lambda REST API (2015-03-31) on loopback, wire-compatible with the AWS SDK and CLI: Invoke and the
 * control plane a tuner needs. Errors carry {@code x-amzn-ErrorType} and Lambda's {@code {Type, Message}} body.
 */
public final class LambdaApiServer implements AutoCloseable {
    private static final String FUNCTIONS = "/2015-03-31/functions";
    /** Provisioned concurrency lives under a later API version. */
    private static final String PROVISIONED = "/2019-09-30/functions";
    private static final int LOG_TAIL_BYTES = 4096;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final FunctionRegistry registry;
    private final Invoker invoker;
    private final EnvironmentPool pool;
    private final ConfigurationJson json;
    private final Consumer<String> logSink;

    public LambdaApiServer(int port, FunctionRegistry registry, Invoker invoker, EnvironmentPool pool, Consumer<String> logSink) throws IOException {
        this.registry = registry;
        this.invoker = invoker;
        this.pool = pool;
        this.logSink = logSink;
        this.json = new ConfigurationJson(registry.arns());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** One parsed request: method, path segments after /functions, query parameters, body. */
    private record Request(String method, List<String> segments, Map<String, String> query, byte[] body, HttpExchange exchange) {
        String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String requestId = UUID.randomUUID().toString();
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            try {
                String path = exchange.getRequestURI().getRawPath();
                String prefix = path.startsWith(FUNCTIONS) ? FUNCTIONS : path.startsWith(PROVISIONED) ? PROVISIONED : null;
                if (prefix == null) {
                    throw new LambdaApiException("UnknownOperationException", 404, "Unknown operation " + exchange.getRequestMethod() + " " + path);
                }
                List<String> segments = Arrays.stream(path.substring(prefix.length()).split("/"))
                        .filter(segment -> !segment.isEmpty())
                        .map(segment -> URLDecoder.decode(segment, StandardCharsets.UTF_8)).toList();
                Request request = new Request(exchange.getRequestMethod(), segments, query(exchange.getRequestURI().getRawQuery()),
                        exchange.getRequestBody().readAllBytes(), exchange);
                if (prefix.equals(PROVISIONED)) {
                    routeProvisioned(request);
                } else {
                    route(request);
                }
            } catch (LambdaApiException e) {
                error(exchange, e.status(), e.errorType(), e.getMessage());
            } catch (RuntimeException e) {
                logSink.accept("Lambda API error: " + e);
                error(exchange, 500, "ServiceException", String.valueOf(e.getMessage()));
            }
        }
    }

    private void route(Request r) throws IOException {
        List<String> s = r.segments();
        String method = r.method();
        if (s.isEmpty() && method.equals("GET")) {
            listFunctions(r);
            return;
        }
        if (s.isEmpty()) {
            throw unsupported(r);
        }
        String name = s.get(0);
        String resource = s.size() > 1 ? s.get(1) : "";
        switch (method + " " + resource + (s.size() > 2 ? "/*" : "")) {
            case "POST invocations" -> invoke(r, name);
            case "GET " -> getFunction(r, name);
            case "DELETE " -> deleteFunction(r, name);
            case "GET configuration" -> sendJson(r.exchange(), 200, json.function(registry.resolve(name, r.query().get("Qualifier")).configuration(),
                    r.query().get("Qualifier") != null));
            case "PUT configuration" -> updateConfiguration(r, name);
            case "POST versions" -> publishVersion(r, name);
            case "GET versions" -> listVersions(r, name);
            case "POST aliases" -> createAlias(r, name);
            case "GET aliases" -> sendJson(r.exchange(), 200, Map.of("Aliases",
                    registry.aliases(name).stream().map(alias -> json.alias(canonicalName(name), alias)).toList()));
            case "GET aliases/*" -> sendJson(r.exchange(), 200, json.alias(canonicalName(name), registry.alias(name, s.get(2))));
            case "PUT aliases/*" -> updateAlias(r, name, s.get(2));
            case "DELETE aliases/*" -> {
                registry.deleteAlias(name, s.get(2));
                send(r.exchange(), 204, null, new byte[0]);
            }
            default -> throw unsupported(r);
        }
    }

    /** Put/Get/DeleteProvisionedConcurrencyConfig on {@code {name}/provisioned-concurrency?Qualifier=}. */
    private void routeProvisioned(Request r) throws IOException {
        List<String> s = r.segments();
        if (s.size() != 2 || !s.get(1).equals("provisioned-concurrency")) {
            throw unsupported(r);
        }
        String qualifier = r.query().get("Qualifier");
        FunctionRegistry.Resolved target = registry.resolve(s.get(0), qualifier);
        String key = Invoker.provisionedKey(target);
        if (qualifier == null || key == null) {
            throw LambdaApiException.invalidParameter("Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
        }
        switch (r.method()) {
            case "PUT" -> {
                Object count = jsonBody(r).get("ProvisionedConcurrentExecutions");
                if (!(count instanceof Number n) || n.intValue() < 1) {
                    throw LambdaApiException.invalidParameter("ProvisionedConcurrentExecutions must be a whole number of at least 1.");
                }
                pool.provision(key, target.configuration(), n.intValue());
                sendJson(r.exchange(), 202, provisionedJson(key));
            }
            case "GET" -> sendJson(r.exchange(), 200, provisionedJson(key));
            case "DELETE" -> {
                pool.deprovision(key);
                send(r.exchange(), 204, null, new byte[0]);
            }
            default -> throw unsupported(r);
        }
    }

    private Map<String, Object> provisionedJson(String key) {
        EnvironmentPool.ProvisionedStatus status = pool.provisionedStatus(key).orElseThrow(() -> new LambdaApiException(
                "ProvisionedConcurrencyConfigNotFoundException", 404, "No Provisioned Concurrency Config found for this function"));
        return Map.of("RequestedProvisionedConcurrentExecutions", status.requested(),
                "AllocatedProvisionedConcurrentExecutions", status.allocated(),
                "AvailableProvisionedConcurrentExecutions", status.available(),
                "Status", status.status(),
                "LastModified", status.lastModified().toString());
    }

    private void invoke(Request r, String name) throws IOException {
        String type = r.header("X-Amz-Invocation-Type");
        String qualifier = r.query().get("Qualifier");
        if ("Event".equals(type)) {
            invoker.invokeAsync(name, qualifier, r.body());
            send(r.exchange(), 202, null, new byte[0]);
            return;
        }
        if ("DryRun".equals(type)) {
            invoker.dryRun(name, qualifier);
            send(r.exchange(), 204, null, new byte[0]);
            return;
        }
        if (type != null && !type.equals("RequestResponse")) {
            throw LambdaApiException.invalidParameter("Invalid InvocationType: " + type);
        }
        validateJson(r.body());
        Invoker.Outcome outcome = invoker.invoke(name, qualifier, r.body());
        var headers = r.exchange().getResponseHeaders();
        headers.set("X-Amz-Executed-Version", outcome.executedVersion());
        if (outcome.result().failed()) {
            headers.set("X-Amz-Function-Error", outcome.result().functionError());
        }
        if ("Tail".equals(r.header("X-Amz-Log-Type"))) {
            headers.set("X-Amz-Log-Result", tail(outcome.result().log()));
        }
        send(r.exchange(), 200, "application/json", outcome.result().payload());
    }

    private void getFunction(Request r, String name) throws IOException {
        String qualifier = r.query().get("Qualifier");
        FunctionConfiguration configuration = registry.resolve(name, qualifier).configuration();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Configuration", json.function(configuration, qualifier != null));
        // Where the code is: for an image, the local tarball stands in for the registry's image URI.
        body.put("Code", configuration.isImage()
                ? Map.of("RepositoryType", "ECR", "ImageUri", configuration.imageArchive().toUri().toString())
                : Map.of("RepositoryType", "S3", "Location", configuration.codeDirectory().toUri().toString()));
        body.put("Tags", Map.of());
        sendJson(r.exchange(), 200, body);
    }

    private void deleteFunction(Request r, String name) throws IOException {
        List<FunctionConfiguration> removed = registry.delete(name, r.query().get("Qualifier"));
        pool.retire(configuration -> removed.stream().anyMatch(gone -> gone == configuration));
        send(r.exchange(), 204, null, new byte[0]);
    }

    private void updateConfiguration(Request r, String name) throws IOException {
        Map<String, Object> body = jsonBody(r);
        Map<String, String> environment = null;
        if (body.get("Environment") instanceof Map<?, ?> env) {
            environment = new LinkedHashMap<>();
            if (env.get("Variables") instanceof Map<?, ?> variables) {
                for (Map.Entry<?, ?> entry : variables.entrySet()) {
                    environment.put(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
                }
            }
        }
        FunctionConfiguration previous = registry.resolve(name, null).configuration();
        FunctionConfiguration updated = registry.updateLatest(name, integer(body, "MemorySize"), integer(body, "Timeout"),
                environment, string(body, "Handler"), string(body, "Description"), string(body, "RevisionId"));
        // As on Lambda, environments of the old configuration are not reused: the next invoke is cold.
        pool.retire(configuration -> configuration == previous);
        sendJson(r.exchange(), 200, json.function(updated, false));
    }

    private void publishVersion(Request r, String name) throws IOException {
        Map<String, Object> body = jsonBody(r);
        FunctionConfiguration version = registry.publishVersion(name, string(body, "Description"),
                string(body, "RevisionId"), string(body, "CodeSha256"));
        pool.prepare(version);
        sendJson(r.exchange(), 201, json.function(version, true));
    }

    private void listVersions(Request r, String name) throws IOException {
        sendJson(r.exchange(), 200, Map.of("Versions",
                registry.versions(name).stream().map(version -> json.function(version, true)).toList()));
    }

    private void listFunctions(Request r) throws IOException {
        sendJson(r.exchange(), 200, Map.of("Functions",
                registry.latestConfigurations().stream().map(configuration -> json.function(configuration, false)).toList()));
    }

    private void createAlias(Request r, String name) throws IOException {
        Map<String, Object> body = jsonBody(r);
        rejectRouting(body);
        var alias = registry.createAlias(name, string(body, "Name"), string(body, "FunctionVersion"), string(body, "Description"));
        sendJson(r.exchange(), 201, json.alias(canonicalName(name), alias));
    }

    private void updateAlias(Request r, String name, String aliasName) throws IOException {
        Map<String, Object> body = jsonBody(r);
        rejectRouting(body);
        var alias = registry.updateAlias(name, aliasName, string(body, "FunctionVersion"), string(body, "Description"),
                string(body, "RevisionId"));
        sendJson(r.exchange(), 200, json.alias(canonicalName(name), alias));
    }

    private static void rejectRouting(Map<String, Object> body) {
        if (body.get("RoutingConfig") instanceof Map<?, ?> routing && routing.get("AdditionalVersionWeights") instanceof Map<?, ?> weights
                && !weights.isEmpty()) {
            throw LambdaApiException.invalidParameter("Weighted alias routing is not supported by the local emulator.");
        }
    }

    private String canonicalName(String name) {
        return registry.resolve(name, null).configuration().functionName();
    }

    private static String tail(String log) {
        byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
        byte[] last = bytes.length <= LOG_TAIL_BYTES ? bytes : Arrays.copyOfRange(bytes, bytes.length - LOG_TAIL_BYTES, bytes.length);
        return Base64.getEncoder().encodeToString(last);
    }

    private static void validateJson(byte[] payload) {
        if (payload.length == 0 || new String(payload, StandardCharsets.UTF_8).isBlank()) {
            return;
        }
        try {
            JSON.std.anyFrom(payload);
        } catch (IOException e) {
            throw new LambdaApiException("InvalidRequestContentException", 400, "Could not parse request body into json: " + firstLine(e.getMessage()));
        }
    }

    private static Map<String, Object> jsonBody(Request r) {
        if (r.body().length == 0) {
            return Map.of();
        }
        try {
            Map<String, Object> body = JSON.std.mapFrom(r.body());
            return body == null ? Map.of() : body;
        } catch (IOException e) {
            throw new LambdaApiException("InvalidRequestContentException", 400, "Could not parse request body into json: " + firstLine(e.getMessage()));
        }
    }

    private static Integer integer(Map<String, Object> body, String key) {
        Object value = body.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        throw LambdaApiException.invalidParameter(key + " must be a number, was " + value);
    }

    private static String string(Map<String, Object> body, String key) {
        Object value = body.get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    private static LambdaApiException unsupported(Request r) {
        return new LambdaApiException("UnknownOperationException", 404, "The local emulator does not implement "
                + r.method() + " " + r.exchange().getRequestURI().getPath());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void error(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        exchange.getResponseHeaders().set("x-amzn-ErrorType", errorType);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Type", status >= 500 ? "Service" : "User");
        body.put("Message", message);
        send(exchange, status, "application/json", JSON.std.asBytes(body));
    }

    private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.std.asBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
