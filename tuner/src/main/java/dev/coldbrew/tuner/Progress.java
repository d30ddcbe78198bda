package dev.coldbrew.tuner;

import java.io.Console;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a tuning run shows while it runs. On a terminal, a bar redrawn in place; anywhere else (a file, a
 * pipe, a CI log) a redrawn bar is hundreds of lines of noise, so a plain line per measured memory size.
 */
final class Progress implements AutoCloseable {
    enum Style { BAR, LINES, NONE }

    private final Style style;
    private final PrintWriter lines;
    private final ProgressBar bar;
    private final int sizes;
    private final long started = System.nanoTime();
    private int sizesDone;

    private Progress(Style style, PrintWriter lines, long calls, int sizes) {
        this.style = style;
        this.lines = lines;
        this.sizes = sizes;
        this.bar = style == Style.BAR ? new ProgressBarBuilder().setTaskName("Tuning").setInitialMax(calls)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).continuousUpdate().showSpeed().build() : null;
    }

    /** {@code calls} and {@code sizes} are the run's totals: invocations, and function × memory size pairs. */
    static Progress open(Style style, PrintWriter lines, long calls, int sizes) {
        return new Progress(style, lines, calls, sizes);
    }

    /** BAR when standard input and output are a terminal, else LINES; NONE when progress is not wanted. */
    static Style detect(boolean wanted) {
        return !wanted ? Style.NONE : onTerminal() ? Style.BAR : Style.LINES;
    }

    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ returns a Console even when output is redirected; isTerminal() tells (absent on 21,
            // where a Console exists only on a terminal).
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    void invoked(int calls) {
        if (bar != null) {
            bar.stepBy(calls);
        }
    }

    /** One memory size of one function is measured; {@code failure} is null when it succeeded. */
    synchronized void sizeDone(String function, int power, int calls, String failure) {
        sizesDone++;
        if (style != Style.LINES) {
            return;
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        // The adaptive search and --num auto do not know their sizes and calls in advance: no total then.
        lines.printf("  [%s, %d:%02d] %s at %d MB: %d call%s%s%n", sizes > 0 ? sizesDone + "/" + sizes : Integer.toString(sizesDone),
                seconds / 60, seconds % 60,
                function, power, calls, calls == 1 ? "" : "s", failure == null ? "" : ", failed: " + failure);
        lines.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
