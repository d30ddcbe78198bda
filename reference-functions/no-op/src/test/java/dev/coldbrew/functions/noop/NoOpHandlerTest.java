package dev.coldbrew.functions.noop;

import static dev.coldbrew.runtime.testing.ExemplarAssertions.assertAnswersItsExemplar;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.runtime.InvalidEventException;
import dev.coldbrew.runtime.testing.LocalInvoke;
import org.junit.jupiter.api.Test;

class NoOpHandlerTest {
    private final NoOpHandler handler = new NoOpHandler();

    @Test
    void answersItsExemplar() throws Exception {
        assertAnswersItsExemplar(handler);
    }

    @Test
    void rejectsMalformedEvent() {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> LocalInvoke.invoke(handler, "[1,2"));
        assertTrue(e.getMessage().startsWith("Invalid event for Request"), e.getMessage());
    }
}
