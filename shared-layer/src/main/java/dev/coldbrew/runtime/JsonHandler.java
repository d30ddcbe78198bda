package dev.coldbrew.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Base of every coldbrew function: a {@link RequestStreamHandler}, so the Lambda runtime hands over raw
 * bytes and never loads its own (databind-based) serializer. Events are read into {@code I} with
 * jackson-jr; anything malformed becomes an {@link InvalidEventException} whose message says what is wrong.
 *
 * <p>The constructor registers SnapStart priming with the function's exemplar event; the constructor Lambda
 * calls ends with {@link #primeDuringInit()} to prime on-demand and provisioned starts (see {@link Priming}).
 *
 * @param <I> event type, typically a record whose compact constructor validates its fields
 * @param <O> response type, serialized with jackson-jr
 */
public abstract class JsonHandler<I, O> implements RequestStreamHandler {
    private final Class<I> eventType;

    protected JsonHandler(Class<I> eventType) {
        this.eventType = eventType;
        if (primeWithExemplar()) {
            Priming.registerForSnapshot(this);
        }
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        I event = Json.readEvent(input.readAllBytes(), eventType);
        O response = handle(event, context);
        Json.write(response, output);
    }

    /** The function's work, on a parsed and validated event. */
    protected abstract O handle(I event, Context context);

    /**
     * Runs the exemplar through this handler now if this is an on-demand or provisioned-concurrency INIT on
     * Lambda, so the first request finds its classes loaded and compiled. Call it last in the no-argument
     * constructor (the one Lambda uses), once every field is set; tests that construct the handler with
     * their own clients do not prime. Does nothing when {@link #primeWithExemplar()} is false.
     */
    protected final void primeDuringInit() {
        if (primeWithExemplar()) {
            Priming.duringInit(this);
        }
    }

    /**
     * Whether the exemplar event may be run outside a real request: before a SnapStart snapshot and during
     * INIT. Return false if handling it has effects that must not happen then (writes, messages, payments).
     */
    protected boolean primeWithExemplar() {
        return true;
    }
}
