package dev.coldbrew.locallambda;

import dev.coldbrew.locallambda.environment.EnvironmentPool;
import dev.coldbrew.locallambda.environment.Invocation;
import dev.coldbrew.locallambda.environment.InvocationResult;
import dev.coldbrew.lambda.function.FunctionConfiguration;
import dev.coldbrew.locallambda.function.FunctionRegistry;
import dev.coldbrew.locallambda.function.LambdaApiException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** The data plane: resolves what an invoke addresses and runs it on the environment pool. */
public final class Invoker implements AutoCloseable {
    /** Lambda's synchronous payload limit. */
    public static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    /** The outcome plus the version that ran it, for {@code X-Amz-Executed-Version}. */
    public record Outcome(InvocationResult result, String executedVersion) {
    }

    private final FunctionRegistry registry;
    private final EnvironmentPool pool;
    private final Consumer<String> logSink;
    private final ExecutorService asyncInvokes = Executors.newVirtualThreadPerTaskExecutor();

    Invoker(FunctionRegistry registry, EnvironmentPool pool, Consumer<String> logSink) {
        this.registry = registry;
        this.pool = pool;
        this.logSink = logSink;
    }

    /** A RequestResponse invoke: blocks until the function answered, failed or timed out. */
    public Outcome invoke(String functionName, String qualifier, byte[] payload) {
        FunctionRegistry.Resolved target = registry.resolve(functionName, qualifier);
        Invocation invocation = new Invocation(normalized(payload), invokedArn(target, functionName, qualifier));
        return new Outcome(pool.invoke(target.configuration(), invocation, provisionedKey(target)), target.executedVersion());
    }

    /** An Event invoke: queued, answered at once; the result only goes to the log. */
    public String invokeAsync(String functionName, String qualifier, byte[] payload) {
        FunctionRegistry.Resolved target = registry.resolve(functionName, qualifier);
        Invocation invocation = new Invocation(normalized(payload), invokedArn(target, functionName, qualifier));
        asyncInvokes.submit(() -> {
            try {
                pool.invoke(target.configuration(), invocation, provisionedKey(target));
            } catch (RuntimeException e) {
                logSink.accept("[" + target.configuration().functionName() + "] Event invoke failed: " + e.getMessage());
            }
        });
        return invocation.requestId();
    }

    /** The qualifier provisioned concurrency is set on: the alias invoked, else the version; none for $LATEST. */
    public static String provisionedKey(FunctionRegistry.Resolved target) {
        FunctionConfiguration configuration = target.configuration();
        if (target.alias() != null) {
            return configuration.functionName() + ":" + target.alias().name();
        }
        return configuration.version().equals(FunctionConfiguration.LATEST) ? null : configuration.functionName() + ":" + configuration.version();
    }

    /** DryRun: checks that the function and qualifier exist. */
    public String dryRun(String functionName, String qualifier) {
        return registry.resolve(functionName, qualifier).executedVersion();
    }

    private String invokedArn(FunctionRegistry.Resolved target, String functionName, String qualifier) {
        FunctionConfiguration configuration = target.configuration();
        String arn = registry.arns().function(configuration.functionName());
        if (target.alias() != null) {
            return arn + ":" + target.alias().name();
        }
        boolean qualified = qualifier != null || functionName.contains(":" + configuration.version());
        return qualified && !configuration.version().equals(FunctionConfiguration.LATEST) ? arn + ":" + configuration.version() : arn;
    }

    private static byte[] normalized(byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new LambdaApiException("RequestTooLargeException", 413, "Request must be smaller than " + MAX_PAYLOAD_BYTES + " bytes for the InvokeFunction operation");
        }
        // Lambda hands an empty invoke the event {}; the runtime always receives a JSON document.
        return payload.length == 0 || new String(payload, StandardCharsets.UTF_8).isBlank()
                ? "{}".getBytes(StandardCharsets.UTF_8) : payload;
    }

    @Override
    public void close() {
        asyncInvokes.shutdownNow();
    }
}
