package dev.coldbrew.tuner;

import dev.coldbrew.tuner.search.Verdict;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The plain-text tables printed after a run, per function: every memory size, its cold starts, then the winner
 * per strategy.
 */
final class ConsoleReport {
    private ConsoleReport() {
    }

    static String render(FunctionReport r, TuningPlan plan) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n%s (%s, %s, configured %d MB)%n", r.target().displayName(),
                r.pricing().architecture().id(), r.pricing().region(), r.originalMemory()));
        s.append(String.format(Locale.ROOT, "%8s %11s %10s %10s %10s %10s %14s %11s %8s %6s%n",
                "memory", "duration", "p50", "p90", "p99", "warm", "cost/inv", "cost/1M", "maxmem", "errors"));
        for (PowerResult p : r.results()) {
            if (p.failed()) {
                s.append(String.format(Locale.ROOT, "%5d MB   skipped: %s%n", p.power(), p.failure()));
                continue;
            }
            // No warm call (--only-cold-starts) shows a dash, not a mean of nothing.
            String warm = p.warmCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", p.warmMean());
            s.append(String.format(Locale.ROOT, "%5d MB %8.1f ms %7.1f ms %7.1f ms %7.1f ms %10s %14.10f %11.4f %5d MB %6d%n",
                    p.power(), p.duration(), p.p50(), p.p90(), p.p99(), warm, p.cost(), p.costPerMillion(),
                    p.maxMemoryUsed(), p.errors()));
        }
        String allowed = r.results().stream().filter(p -> p.allowedErrors() > 0)
                .map(p -> p.power() + " MB " + p.allowedErrors()).collect(Collectors.joining(", "));
        if (!allowed.isEmpty()) {
            // Not in the errors column: these calls are measurements.
            s.append("  allowed errors, measured: ").append(allowed).append('\n');
        }
        coldStarts(s, r);
        if (r.failure() != null) {
            s.append("  failed: ").append(r.failure()).append('\n');
        }
        if (!plan.dryRun()) {
            for (Strategy strategy : plan.strategies()) {
                r.winner(strategy).ifPresent(w -> s.append(String.format(Locale.ROOT,
                        "  %s %-8s -> %5d MB  (%.1f ms, $%.10f per invocation)  %s%n",
                        strategy.equals(plan.strategy()) ? "*" : " ", strategy.id(), w.power(), w.duration(), w.cost(),
                        r.verdict(strategy).map(Verdict::describe).orElse(""))));
            }
        }
        for (String problem : r.cleanupProblems()) {
            s.append("  cleanup problem: ").append(problem).append('\n');
        }
        if (r.visualizationUrl() != null) {
            s.append("  visualization: ").append(r.visualizationUrl()).append('\n');
        }
        return s.toString();
    }

    /** The cold starts apart, since the trimmed duration above hides them: start-up, first invoke, and both. */
    private static void coldStarts(StringBuilder s, FunctionReport r) {
        ColdStartKind kind = r.coldStartKind();
        if (kind == ColdStartKind.NONE) {
            return;
        }
        s.append("  cold starts: ").append(kind.describe()).append('\n');
        s.append(String.format(Locale.ROOT, "%8s %5s %-10s %16s %16s %17s %15s%n", "memory", "cold", "kind",
                kind.phase() + " p50", kind.phase() + " p90", "first invoke p50", "cold start p50"));
        for (PowerResult p : r.results()) {
            if (p.failed()) {
                continue;
            }
            if (p.coldCount() == 0) {
                s.append(String.format(Locale.ROOT, "%5d MB %5d%n", p.power(), 0));
                continue;
            }
            s.append(String.format(Locale.ROOT, "%5d MB %5d %-10s %13.1f ms %13.1f ms %14.1f ms %12.1f ms%n",
                    p.power(), p.coldCount(), p.coldStartKind().label(), p.initOrRestoreP50(), p.initOrRestoreP90(),
                    p.firstInvokeP50(), p.coldStartP50()));
        }
    }
}
