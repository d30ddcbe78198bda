package dev.coldbrew.functions.cpu;

import static dev.coldbrew.runtime.testing.ExemplarAssertions.assertAnswersItsExemplar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.runtime.InvalidEventException;
import dev.coldbrew.runtime.Json;
import dev.coldbrew.runtime.testing.LocalInvoke;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuBoundHandlerTest {
    private final CpuBoundHandler handler = new CpuBoundHandler();

    @Test
    void answersItsExemplar() throws Exception {
        assertAnswersItsExemplar(handler);
    }

    @Test
    void sameRequestSameChecksumAndMoreWorkChangesIt() throws Exception {
        String once = LocalInvoke.invoke(handler, "{\"rounds\":1000}");
        assertEquals(once, LocalInvoke.invoke(handler, "{\"rounds\":1000,\"threads\":1}"));
        assertNotEquals(checksum(once), checksum(LocalInvoke.invoke(handler, "{\"rounds\":1001}")));
    }

    @Test
    void threadsSplitTheWorkDeterministically() throws Exception {
        String first = LocalInvoke.invoke(handler, "{\"rounds\":3001,\"threads\":3}");
        assertEquals(first, LocalInvoke.invoke(handler, "{\"rounds\":3001,\"threads\":3}"));
        assertEquals(3, ((Number) ((Map<?, ?>) Json.tree(first.getBytes())).get("threads")).intValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"rounds\":0}", "{\"rounds\":-5}", "{\"rounds\":10,\"threads\":7}", "{\"round\":10}", "\"hello\""})
    void rejectsMalformedEvents(String event) {
        assertThrows(InvalidEventException.class, () -> LocalInvoke.invoke(handler, event));
    }

    @Test
    void validationMessageNamesTheLimit() {
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> LocalInvoke.invoke(handler, "{\"rounds\":10,\"threads\":9}"));
        assertTrue(e.getMessage().contains("threads must be between 1 and 6"), e.getMessage());
    }

    private static Object checksum(String response) {
        return ((Map<?, ?>) Json.tree(response.getBytes())).get("checksum");
    }
}
