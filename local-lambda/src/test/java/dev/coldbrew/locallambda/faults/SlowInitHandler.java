package dev.coldbrew.locallambda.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An init that passes Lambda's 10 s limit the first time only: the first JVM to load it leaves a marker file
 * and sleeps 11 s; the retried init finds the marker and is quick. The test deletes the marker first.
 */
public class SlowInitHandler implements RequestStreamHandler {
    public static final Path MARKER = Path.of(System.getProperty("java.io.tmpdir"), "coldbrew-slow-init-marker");

    static {
        try {
            if (!Files.exists(MARKER)) {
                Files.writeString(MARKER, "first init");
                System.out.println("slow init started");
                Thread.sleep(11_000);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("{\"initialised\":true}".getBytes(StandardCharsets.UTF_8));
    }
}
