package dev.coldbrew.runtime.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.coldbrew.runtime.Exemplar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Invokes a handler in this JVM, outside Lambda: used by function tests and by the cold-start benchmark,
 * which starts one JVM per measurement and runs {@code main}.
 */
public final class LocalInvoke {
    private LocalInvoke() {
    }

    public static byte[] invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, TestContext.create());
        return out.toByteArray();
    }

    public static String invoke(RequestStreamHandler handler, String event) throws IOException {
        return new String(invoke(handler, event.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    /**
     * {@code LocalInvoke <handler class> [event file]}: constructs the handler (Lambda's init), invokes it once
     * with the event (default: its exemplar), prints the response, then one line
     * {@code init_ms=<n> invoke_ms=<n>} on standard error.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: LocalInvoke <handler class> [event.json]");
            System.exit(2);
        }
        long start = System.nanoTime();
        Class<?> type = Class.forName(args[0]);
        RequestStreamHandler handler = (RequestStreamHandler) type.getDeclaredConstructor().newInstance();
        long initialized = System.nanoTime();
        byte[] event = args.length == 2
                ? Files.readAllBytes(Path.of(args[1]))
                : Exemplar.of(type).orElseThrow(() -> new IllegalArgumentException(args[0] + " ships no exemplar; pass an event file")).event();
        byte[] response = invoke(handler, event);
        long done = System.nanoTime();
        System.out.println(new String(response, StandardCharsets.UTF_8));
        System.err.printf("init_ms=%.1f invoke_ms=%.1f%n", (initialized - start) / 1e6, (done - initialized) / 1e6);
    }
}
