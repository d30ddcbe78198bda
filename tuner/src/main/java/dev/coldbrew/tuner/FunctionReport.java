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

    /** The strategy's winner as its {@link #verdict} picks it; empty when every power value failed. */
    public Optional<PowerResult> winner(Strategy strategy) {
        return verdict(strategy).flatMap(v -> results.stream().filter(r -> r.power() == v.winner()).findFirst());
    }

    /**
     * The strategy's winner and whether the measurements decide it: clear, or tied with the sizes as good as the
     * best at 95 % (the winner being the cheapest or fastest of them, {@link Verdict}); empty when every power
     * value failed.
     */
    public Optional<Verdict> verdict(Strategy strategy) {
        return verdict(results, strategy);
    }

    /** The verdict of {@code strategy} among {@code results}, as {@link #verdict(Strategy)} gives it. */
    static Optional<Verdict> verdict(List<PowerResult> results, Strategy strategy) {
        Map<Integer, SizeEstimate> sizes = intervals(results);
        return sizes.isEmpty() ? Optional.empty() : Optional.of(Verdict.decide(sizes, strategy.objective()));
    }

    /** The intervals of the sizes that were measured, by memory size. */
    static Map<Integer, SizeEstimate> intervals(List<PowerResult> results) {
        Map<Integer, SizeEstimate> sizes = new TreeMap<>();
        results.stream().filter(r -> !r.failed() && r.duration() > 0 && r.interval() != null).forEach(r -> sizes.put(r.power(), r.interval()));
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
