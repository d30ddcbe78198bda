package dev.coldbrew.tuner.search;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The winner of an objective and whether the measurements decide it. The winner is the size with the best
 * point estimate; the verdict is {@code clear} when no other size's interval for the objective overlaps the
 * winner's, and otherwise the winner is tied with every size whose interval does ({@code tiedWith}, ascending):
 * on these calls, those sizes are as good as the winner.
 */
public record Verdict(int winner, boolean clear, List<Integer> tiedWith) {

    public Verdict {
        tiedWith = List.copyOf(tiedWith);
        if (clear != tiedWith.isEmpty()) {
            throw new IllegalArgumentException("A verdict is clear exactly when it is tied with no other size");
        }
    }

    /** "clear", or "tied with 512, 1024 MB". */
    public String describe() {
        return clear ? "clear"
                : "tied with " + tiedWith.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " MB";
    }

    /**
     * The verdict for {@code objective} among {@code sizes} (keyed by memory size): best point estimate first,
     * ties between equal estimates going to the smaller size, as the tuner's strategies break them.
     */
    public static Verdict decide(Map<Integer, SizeEstimate> sizes, Objective objective) {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("No size to decide among");
        }
        Map<Integer, TrimmedMeanInterval> intervals = objectiveIntervals(sizes, objective);
        int winner = intervals.entrySet().stream()
                .min(Comparator.comparingDouble((Map.Entry<Integer, TrimmedMeanInterval> e) -> e.getValue().estimate())
                        .thenComparingInt(Map.Entry::getKey))
                .orElseThrow().getKey();
        TrimmedMeanInterval best = intervals.get(winner);
        List<Integer> tied = intervals.entrySet().stream()
                .filter(e -> e.getKey() != winner && e.getValue().overlaps(best))
                .map(Map.Entry::getKey).sorted().toList();
        return new Verdict(winner, tied.isEmpty(), tied);
    }

    /**
     * The verdict for a winner chosen elsewhere (the tuner's strategy, which prices the REPORT's billed durations):
     * clear unless another size's interval for the objective overlaps the winner's.
     */
    public static Verdict around(int winner, Map<Integer, SizeEstimate> sizes, Objective objective) {
        Map<Integer, TrimmedMeanInterval> intervals = objectiveIntervals(sizes, objective);
        TrimmedMeanInterval best = intervals.get(winner);
        if (best == null) {
            throw new IllegalArgumentException("The winner " + winner + " MB is not among the sizes " + sizes.keySet());
        }
        List<Integer> tied = intervals.entrySet().stream()
                .filter(e -> e.getKey() != winner && e.getValue().overlaps(best))
                .map(Map.Entry::getKey).sorted().toList();
        return new Verdict(winner, tied.isEmpty(), tied);
    }

    /**
     * Each size's interval for the objective, by size. For {@link Objective.Balanced} the score runs from its
     * value at both intervals' low ends to its value at their high ends, normalised by the largest point
     * estimates among {@code sizes} as Power Tuning normalises; its {@code n} is the smaller of the two.
     */
    public static Map<Integer, TrimmedMeanInterval> objectiveIntervals(Map<Integer, SizeEstimate> sizes, Objective objective) {
        double maxDuration = sizes.values().stream().mapToDouble(s -> s.duration().estimate()).max().orElse(1);
        double maxCost = sizes.values().stream().mapToDouble(s -> s.cost().estimate()).max().orElse(1);
        Map<Integer, TrimmedMeanInterval> intervals = new TreeMap<>();
        sizes.forEach((mb, s) -> intervals.put(mb, switch (objective) {
            case Objective.Cost c -> s.cost();
            case Objective.Speed sp -> s.duration();
            case Objective.Balanced b -> new TrimmedMeanInterval(
                    b.score(s.duration().estimate(), s.cost().estimate(), maxDuration, maxCost),
                    b.score(s.duration().low(), s.cost().low(), maxDuration, maxCost),
                    b.score(s.duration().high(), s.cost().high(), maxDuration, maxCost),
                    Math.min(s.duration().n(), s.cost().n()));
        }));
        return intervals;
    }
}
