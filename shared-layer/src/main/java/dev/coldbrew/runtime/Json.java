package dev.coldbrew.runtime;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;

/**
 * The one JSON codec coldbrew uses: jackson-jr, small and reflection-light, so the runtime's own
 * databind-based serializer never loads. Unknown properties are rejected so that a typo in an event
 * surfaces as a clear error instead of a silently ignored field.
 */
public final class Json {
    private static final JSON CODEC = JSON.builder()
            .enable(JSON.Feature.FAIL_ON_UNKNOWN_BEAN_PROPERTY)
            .build();

    private Json() {
    }

    /** Reads one event of the given type, turning every failure into an {@link InvalidEventException}. */
    public static <T> T readEvent(byte[] json, Class<T> type) {
        if (isBlank(json)) {
            throw new InvalidEventException("The event is empty; expected a JSON object for " + type.getSimpleName() + ".");
        }
        try {
            T value = CODEC.beanFrom(type, json);
            if (value == null) {
                throw new InvalidEventException("The event is null; expected a JSON object for " + type.getSimpleName() + ".");
            }
            return value;
        } catch (IllegalArgumentException | IOException | IllegalStateException e) {
            throw new InvalidEventException("Invalid event for " + type.getSimpleName() + ": " + rootMessage(e), e);
        }
    }

    public static byte[] write(Object value) {
        try {
            return CODEC.asBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getName(), e);
        }
    }

    public static void write(Object value, OutputStream out) throws IOException {
        CODEC.write(value, out);
    }

    /** Parses any JSON into maps, lists and scalars (for comparisons and generic payloads). */
    public static Object tree(byte[] json) {
        try {
            return CODEC.anyFrom(json);
        } catch (IOException e) {
            throw new InvalidEventException("Not valid JSON: " + rootMessage(e), e);
        }
    }

    public static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static boolean isBlank(byte[] json) {
        for (byte b : json) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    /** The innermost useful message: a record's own validation message beats jackson-jr's wrapper text. */
    private static String rootMessage(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
            if (current instanceof InvocationTargetException ite && ite.getCause() != null) {
                current = ite.getCause();
            }
            if (current instanceof IllegalArgumentException && current.getMessage() != null) {
                return current.getMessage();
            }
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // jackson-jr appends a source location block; the first line says what is wrong.
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }
}
