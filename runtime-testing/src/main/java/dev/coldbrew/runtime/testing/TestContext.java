package dev.coldbrew.runtime.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@link Context} for tests: a fixed deadline from when it was made, a function name and memory size the
 * test chooses, and a logger that keeps what the handler logged for assertions (and echoes it to stderr).
 */
public final class TestContext implements Context {
    private final String functionName;
    private final int memoryMb;
    private final long deadlineMillis;
    private final String requestId = UUID.randomUUID().toString();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();

    private TestContext(String functionName, int memoryMb, long timeoutMillis) {
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.deadlineMillis = System.currentTimeMillis() + timeoutMillis;
    }

    /** A context with 60 s left, for a function called {@code test} of 1769 MB (one vCPU). */
    public static TestContext create() {
        return new TestContext("test", 1769, 60_000);
    }

    public TestContext withTimeoutMillis(long timeoutMillis) {
        return new TestContext(functionName, memoryMb, timeoutMillis);
    }

    public TestContext withFunction(String name, int memoryMb) {
        return new TestContext(name, memoryMb, deadlineMillis - System.currentTimeMillis());
    }

    /** What the handler wrote through {@link #getLogger()}. */
    public String logged() {
        synchronized (logged) {
            return logged.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                log(message.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void log(byte[] message) {
                synchronized (logged) {
                    logged.writeBytes(message);
                }
                System.err.print(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
