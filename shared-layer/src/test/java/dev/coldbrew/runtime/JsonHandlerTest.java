package dev.coldbrew.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonHandlerTest {
    private final GreetingHandler handler = new GreetingHandler();

    private String invoke(String event) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, new PrimingContext("test", 5000));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readsEventAndWritesResponseAsJson() throws Exception {
        assertEquals(Map.of("greeting", "Hello, Bob!"), Json.tree(invoke("{\"name\":\"Bob\",\"times\":1}").getBytes()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all      | Invalid event for Request",
        "{\"name\":\"Bob\"    | Invalid event for Request",
        "''                   | The event is empty",
        "null                 | The event is null",
        "{\"name\":\"Bob\",\"times\":1,\"extra\":true} | extra",
        "{\"times\":1}        | name is required",
        "{\"name\":\"Bob\",\"times\":99} | times must be between 1 and 10, was 99",
    })
    void malformedEventsBecomeTypedErrorsWithAClearMessage(String event, String expectedMessagePart) {
        InvalidEventException error = assertThrows(InvalidEventException.class, () -> invoke(event));
        assertTrue(error.getMessage().contains(expectedMessagePart), () -> "message was: " + error.getMessage());
        assertEquals(0, handler.calls, "the handler must not run on an invalid event");
    }

    @Test
    void exemplarRoundTrip() throws Exception {
        Exemplar exemplar = Exemplar.of(GreetingHandler.class).orElseThrow();
        byte[] response = exemplar.runOn(handler, new PrimingContext("test", 5000));
        assertTrue(exemplar.matches(response), new String(response, StandardCharsets.UTF_8));
        assertTrue(!exemplar.matches("{\"greeting\":\"Hello, Eve!\"}".getBytes()));
    }

    @Test
    void primingRunsTheExemplarThroughTheHandler() throws Exception {
        GreetingHandler primed = new GreetingHandler();
        assertTrue(Priming.registeredCount() >= 1, "a handler with an exemplar registers a primer");
        Priming.runAllNow();
        assertEquals(1, primed.calls, "the primer invoked the handler once with the exemplar");
    }
}
