package dev.coldbrew.locallambda.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** Cannot be constructed: the init phase fails before any invocation runs. */
public class FailingInitHandler implements RequestStreamHandler {
    public FailingInitHandler() {
        throw new IllegalStateException("configuration missing at init");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
    }
}
