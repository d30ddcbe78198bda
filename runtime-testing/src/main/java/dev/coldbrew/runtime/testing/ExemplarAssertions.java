package dev.coldbrew.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coldbrew.runtime.Exemplar;
import dev.coldbrew.runtime.JsonHandler;
import dev.coldbrew.runtime.Json;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The exemplar round trip: a handler given its own {@code exemplar/event.json} must answer with
 * {@code exemplar/response.json}. The same pair is SnapStart's priming run and the tuner's default payload,
 * so a function whose exemplar fails would fail its priming on deploy.
 */
public final class ExemplarAssertions {
    private ExemplarAssertions() {
    }

    /** Fails, showing both as JSON trees (key order and whitespace ignored), when the answer differs. */
    public static void assertAnswersItsExemplar(JsonHandler<?, ?> handler) {
        Exemplar exemplar = Exemplar.of(handler.getClass()).orElseThrow(() -> new AssertionError(
                handler.getClass().getName() + " ships no " + Exemplar.EVENT_RESOURCE));
        byte[] actual;
        try {
            actual = exemplar.runOn(handler, TestContext.create());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals(Json.tree(exemplar.expectedResponse()), Json.tree(actual),
                handler.getClass().getSimpleName() + " must answer " + Exemplar.EVENT_RESOURCE + " with " + Exemplar.RESPONSE_RESOURCE);
    }
}
