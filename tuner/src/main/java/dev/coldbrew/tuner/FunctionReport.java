package dev.coldbrew.tuner;

import dev.coldbrew.tuner.search.SizeEstimate;
import dev.coldbrew.tuner.search.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

    /**
     * Whether the measurements decide the strategy's winner: clear, or tied with the sizes whose 95 % interval
     * for the strategy's objective overlaps the winner's; empty without a winner.
     */
    public Optional<Verdict> verdict(Strategy strategy) {
        return verdict(results, strategy);
    }

    /** The verdict of {@code strategy} among {@code results}, as {@link #verdict(Strategy)} gives it. */
    static Optional<Verdict> verdict(List<PowerResult> results, Strategy strategy) {
        Map<Integer, SizeEstimate> sizes = intervals(results);
        return strategy.pick(results).filter(w -> sizes.containsKey(w.power()))
                .map(w -> Verdict.around(w.power(), sizes, strategy.objective()));
    }

    /** The intervals of the sizes that were measured, by memory size. */
    static Map<Integer, SizeEstimate> intervals(List<PowerResult> results) {
        Map<Integer, SizeEstimate> sizes = new TreeMap<>();
        results.stream().filter(r -> !r.failed() && r.interval() != null).forEach(r -> sizes.put(r.power(), r.interval()));
        return sizes;
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
