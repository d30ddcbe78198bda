package dev.coldbrew.locallambda.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** Fails every invocation with an exception the runtime reports as an Unhandled function error. */
public class ThrowingHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new IllegalStateException("deliberate failure for " + context.getAwsRequestId());
    }
}
