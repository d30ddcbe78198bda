package dev.coldbrew.locallambda.environment;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/** One request on its way through an environment; completed exactly once, by response, error, timeout or crash. */
public final class Invocation {
    private final String requestId = UUID.randomUUID().toString();
    private final String traceId = String.format("Root=1-%08x-%s;Parent=%016x;Sampled=0",
            System.currentTimeMillis() / 1000, UUID.randomUUID().toString().replace("-", "").substring(0, 24),
            ThreadLocalRandom.current().nextLong());
    private final byte[] payload;
    private final String invokedFunctionArn;
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    private volatile String carriedLog = "";

    public Invocation(byte[] payload, String invokedFunctionArn) {
        this.payload = payload;
        this.invokedFunctionArn = invokedFunctionArn;
    }

    public String requestId() {
        return requestId;
    }

    public String traceId() {
        return traceId;
    }

    public byte[] payload() {
        return payload;
    }

    public String invokedFunctionArn() {
        return invokedFunctionArn;
    }

    public CompletableFuture<InvocationResult> result() {
        return result;
    }

    /** Log lines from before this invoke's environment existed (an init cut off at the limit), shown first. */
    String carriedLog() {
        return carriedLog;
    }

    void carry(String log) {
        carriedLog = log;
    }
}
