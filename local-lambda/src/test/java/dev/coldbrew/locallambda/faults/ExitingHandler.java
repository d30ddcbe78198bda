package dev.coldbrew.locallambda.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;

/**
 * Ends the runtime process in the middle of an invocation, as a crashing native library would, with the
 * exit status the event gives as a bare number (3 when the event is not one).
 */
public class ExitingHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8).trim();
        System.exit(event.matches("\\d{1,3}") ? Integer.parseInt(event) : 3);
    }
}
