package dev.coldbrew.locallambda.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** Ends the runtime process in the middle of an invocation, as a crashing native library would. */
public class ExitingHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        System.exit(3);
    }
}
