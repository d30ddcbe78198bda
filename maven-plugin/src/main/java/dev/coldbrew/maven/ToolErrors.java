package dev.coldbrew.maven;

import java.io.PrintStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * A tool's error stream as a goal shows it. Progress and notes go to stderr as they come; the tool's error lines
 * (those starting with its prefix) are kept back for the build failure, so Maven shows the message once, in its
 * [ERROR] line, instead of twice. The tool's hint to run it with --help means nothing to a Maven user and is dropped.
 */
final class ToolErrors extends Writer {
    private final PrintStream target;
    private final String prefix;
    private final String dropped;
    private final StringBuilder line = new StringBuilder();
    private final List<String> errors = new ArrayList<>();
    /** Part of the current line went out already (flushed): the rest follows it, not checked again. */
    private boolean passing;

    ToolErrors(PrintStream target, String prefix, String dropped) {
        this.target = target;
        this.prefix = prefix;
        this.dropped = dropped;
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (buffer[i] == '\n') {
                endLine();
            } else {
                line.append(buffer[i]);
            }
        }
    }

    private void endLine() {
        String text = line.toString().replaceFirst("\r$", "");
        line.setLength(0);
        if (passing) {
            target.println(text);
        } else if (text.startsWith(prefix)) {
            errors.add(text.substring(prefix.length()).strip());
        } else if (!text.equals(dropped)) {
            target.println(text);
        }
        passing = false;
    }

    /** What is complete goes out; a partial line that may still become an error line waits for its end. */
    @Override
    public synchronized void flush() {
        String text = line.toString();
        if (!text.isEmpty() && (passing || !(text.startsWith(prefix) || prefix.startsWith(text)))) {
            target.print(text);
            line.setLength(0);
            passing = true;
        }
        target.flush();
    }

    @Override
    public synchronized void close() {
        if (line.length() > 0) {
            endLine();
        }
        target.flush();
    }

    /** The tool's error messages, prefix removed, in order. */
    synchronized List<String> errors() {
        return List.copyOf(errors);
    }
}
