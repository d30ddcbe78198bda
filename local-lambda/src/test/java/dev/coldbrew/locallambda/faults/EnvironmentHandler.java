package dev.coldbrew.locallambda.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Answers with what the environment looks like from inside: selected variables, context values, the JVM. */
public class EnvironmentHandler implements RequestStreamHandler {
    private static final long PID = ProcessHandle.current().pid();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String json = "{"
                + field("memory", System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")) + ","
                + field("version", System.getenv("AWS_LAMBDA_FUNCTION_VERSION")) + ","
                + field("functionName", context.getFunctionName()) + ","
                + field("contextMemory", String.valueOf(context.getMemoryLimitInMB())) + ","
                + field("invokedArn", context.getInvokedFunctionArn()) + ","
                + field("greeting", System.getenv("GREETING")) + ","
                + field("region", System.getenv("AWS_REGION")) + ","
                + field("javaVersion", String.valueOf(Runtime.version().feature())) + ","
                + field("pid", String.valueOf(PID)) + ","
                + field("remainingMs", String.valueOf(context.getRemainingTimeInMillis()))
                + "}";
        System.out.println("environment handler ran");
        output.write(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String field(String name, String value) {
        return "\"" + name + "\":" + (value == null ? "null" : "\"" + value + "\"");
    }
}
