package dev.coldbrew.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A function's exemplar: one sample event and the response it must produce, shipped in the function's
 * own artifact at {@code exemplar/event.json} and {@code exemplar/response.json}. The same pair is the
 * function's round-trip test, the SnapStart priming run, and the tuner's default payload.
 */
public record Exemplar(byte[] event, byte[] expectedResponse) {
    public static final String EVENT_RESOURCE = "exemplar/event.json";
    public static final String RESPONSE_RESOURCE = "exemplar/response.json";

    /** The exemplar packaged beside the given handler class, if the function ships one. */
    public static Optional<Exemplar> of(Class<?> handlerClass) {
        ClassLoader loader = handlerClass.getClassLoader();
        byte[] event = read(loader, EVENT_RESOURCE);
        if (event == null) {
            return Optional.empty();
        }
        byte[] response = read(loader, RESPONSE_RESOURCE);
        return Optional.of(new Exemplar(event, response == null ? new byte[0] : response));
    }

    /** Runs the handler on the exemplar event and returns the raw response bytes. */
    public byte[] runOn(JsonHandler<?, ?> handler, Context context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, context);
        return out.toByteArray();
    }

    /** True when {@code actual} is the expected response as JSON (key order and whitespace ignored). */
    public boolean matches(byte[] actual) {
        return Objects.equals(Json.tree(expectedResponse), Json.tree(actual));
    }

    private static byte[] read(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + name, e);
        }
    }
}
