package dev.coldbrew.locallambda.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the file SHUTDOWN_MARKER names from a JVM shutdown hook, which runs when the JVM is stopped with SIGTERM and
 * never with SIGKILL: the test sees which of the two stopped the environment.
 */
public class ShutdownHookHandler implements RequestStreamHandler {
    static {
        Path marker = Path.of(System.getenv("SHUTDOWN_MARKER"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.writeString(marker, "shutdown hook ran");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("{}".getBytes());
    }
}
