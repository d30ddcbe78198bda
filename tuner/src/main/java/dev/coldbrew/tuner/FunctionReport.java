package dev.coldbrew.tuner;

import java.util.List;
import java.util.Optional;

/** The outcome of tuning one function: every power value, the winners and any problem. */
public record FunctionReport(
        FunctionTarget target,
        Pricing pricing,
        int originalMemory,
        List<PowerResult> results,
        String failure,
        List<String> cleanupProblems) {

    public Optional<PowerResult> winner(Strategy strategy) {
        return strategy.pick(results);
    }

    public boolean succeeded() {
        return failure == null && results.stream().anyMatch(r -> !r.failed());
    }

    /** The kind of cold start measured across every memory size; MIXED when sizes or calls differ. */
    public ColdStartKind coldStartKind() {
        return ColdStartKind.common(results.stream().filter(r -> !r.failed()).map(PowerResult::coldStartKind).toList());
    }

    /** Power Tuning's visualization link for the power values that succeeded; null when none did. */
    public String visualizationUrl() {
        List<PowerResult> ok = results.stream().filter(r -> !r.failed()).toList();
        return ok.isEmpty() ? null : Visualization.url(ok, pricing.region());
    }
}
