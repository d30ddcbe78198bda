package dev.coldbrew.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolErrorsTest {
    private final ByteArrayOutputStream shown = new ByteArrayOutputStream();
    private final ToolErrors errors = new ToolErrors(new PrintStream(shown, true, StandardCharsets.UTF_8), "tool: ", "Run tool --help.");

    private String shown() {
        return shown.toString(StandardCharsets.UTF_8);
    }

    @Test
    void errorLinesAreKeptBackAndTheRestPassesAtOnce() {
        PrintWriter err = new PrintWriter(errors, true);
        err.println("Starting...");
        assertEquals("Starting..." + System.lineSeparator(), shown(), "a line goes out when it ends");
        err.println("tool: Unknown strategy 'fastest'.");
        err.println("Run tool --help.");
        err.println("  [1/2] at 512 MB: tool: not an error line");
        err.close();
        assertEquals(List.of("Unknown strategy 'fastest'."), errors.errors());
        assertEquals("Starting..." + System.lineSeparator() + "  [1/2] at 512 MB: tool: not an error line" + System.lineSeparator(),
                shown());
    }

    @Test
    void aFlushedPartLineGoesOutUnlessItCanStillBecomeAnErrorLine() {
        PrintWriter err = new PrintWriter(errors);
        err.print("too");
        err.flush();
        assertEquals("", shown(), "could be the start of 'tool: '");
        err.print("k 3 s");
        err.flush();
        assertEquals("took 3 s", shown());
        err.println(", done");
        err.flush();
        assertEquals("took 3 s, done" + System.lineSeparator(), shown());
        assertEquals(List.of(), errors.errors());
    }
}
