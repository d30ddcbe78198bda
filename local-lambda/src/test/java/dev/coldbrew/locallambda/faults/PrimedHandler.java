package dev.coldbrew.locallambda.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.crac.Core;
import org.crac.Resource;

/**
 * Registers a CRaC resource as SnapStart priming code does and answers with the lifecycle events this JVM saw,
 * in order. With FAIL_BEFORE_CHECKPOINT set its before-checkpoint hook throws.
 */
public class PrimedHandler implements RequestStreamHandler, Resource {
    private static final List<String> EVENTS = new ArrayList<>();

    public PrimedHandler() {
        record("init");
        Core.getGlobalContext().register(this);
    }

    private static synchronized void record(String event) {
        EVENTS.add(event);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        record("beforeCheckpoint");
        if (System.getenv("FAIL_BEFORE_CHECKPOINT") != null) {
            throw new IllegalStateException("priming failed on purpose");
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        record("afterRestore");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String events;
        synchronized (PrimedHandler.class) {
            events = String.join(",", EVENTS);
        }
        output.write(("{\"events\":\"" + events + "\",\"initializationType\":\"" + System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE")
                + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
