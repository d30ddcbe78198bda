package dev.coldbrew.functions.noop;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.runtime.Exemplar;
import dev.coldbrew.runtime.InvalidEventException;
import dev.coldbrew.runtime.LocalContext;
import dev.coldbrew.runtime.LocalInvoke;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NoOpHandlerTest {
    private final NoOpHandler handler = new NoOpHandler();

    @Test
    void answersItsExemplar() throws Exception {
        Exemplar exemplar = Exemplar.of(NoOpHandler.class).orElseThrow();
        byte[] response = exemplar.runOn(handler, new LocalContext("test", 3000));
        assertTrue(exemplar.matches(response), new String(response, StandardCharsets.UTF_8));
    }

    @Test
    void rejectsMalformedEvent() {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> LocalInvoke.invoke(handler, "[1,2"));
        assertTrue(e.getMessage().startsWith("Invalid event for Request"), e.getMessage());
    }
}
