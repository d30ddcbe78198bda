package dev.coldbrew.locallambda.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Sleeps for the number of milliseconds in the event (a bare JSON number), then answers. */
public class SleepingHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long millis = Long.parseLong(new String(input.readAllBytes(), StandardCharsets.UTF_8).trim());
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.write(("{\"slept\":" + millis + "}").getBytes(StandardCharsets.UTF_8));
    }
}
