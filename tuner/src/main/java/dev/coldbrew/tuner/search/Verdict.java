package dev.coldbrew.tuner.search;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The winner of an objective and whether the measurements decide it. The <em>best</em> is the size with the best
 * point estimate. The sizes tied with it are those the calls cannot tell from it: whose interval for the objective
 * overlaps the best's, or whose estimate is within {@value #PRACTICAL_TIE_PERCENT} % of it (closer than that, no
 * practical number of calls separates sizes, nor does the difference matter). Among the best and its practical
 * ties the winner is the one the objective's tie-break prefers ({@link Objective#tieBreak}: the cheapest for
 * speed, the fastest for cost), so that on a flat curve the pick is the size that buys something rather than
 * the noise's favourite, and never more than {@value #PRACTICAL_TIE_PERCENT} % worse than the best by its
 * estimate. The verdict is {@code clear} when nothing is tied; otherwise {@code tiedWith} lists the other sizes
 * (ascending).
 */
public record Verdict(int winner, int best, List<Integer> tiedWith, String tieBreak) {

    /** Estimates closer than this fraction of the best's are a practical tie; the same in percent, for messages. */
    public static final int PRACTICAL_TIE_PERCENT = 2;
    public static final double PRACTICAL_TIE = PRACTICAL_TIE_PERCENT / 100.0;

    public Verdict {
        tiedWith = List.copyOf(tiedWith);
        if (tiedWith.contains(winner) || tiedWith.isEmpty() && winner != best) {
            throw new IllegalArgumentException("The winner is tied with other sizes, or it is the best");
        }
    }

    /** A verdict the best won without equals. */
    public static Verdict clearWin(int winner) {
        return new Verdict(winner, winner, List.of(), "");
    }

    public boolean clear() {
        return tiedWith.isEmpty();
    }

    /** "clear", or "tied with 512, 1024 MB (the cheapest)": the tie-break named, as it picks among practical ties. */
    public String describe() {
        return clear() ? "clear"
                : "tied with " + tiedWith.stream().map(String::valueOf).collect(Collectors.joining(", ")) + " MB"
                + (tieBreak.isEmpty() ? "" : " (" + tieBreak + ")");
    }

    /**
     * The verdict for {@code objective} among {@code sizes} (keyed by memory size); between equal estimates the
     * smaller size goes first, for the best and for the tie-break alike.
     */
    public static Verdict decide(Map<Integer, SizeEstimate> sizes, Objective objective) {
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("No size to decide among");
        }
        Map<Integer, TrimmedMeanInterval> intervals = objectiveIntervals(sizes, objective);
        int best = bestOf(intervals);
        TrimmedMeanInterval top = intervals.get(best);
        List<Integer> practicalTies = intervals.keySet().stream()
                .filter(mb -> intervals.get(mb).estimate() <= top.estimate() * (1 + PRACTICAL_TIE)).toList();
        Map<Integer, TrimmedMeanInterval> tieBreak = objectiveIntervals(sizes, objective.tieBreak());
        tieBreak.keySet().retainAll(practicalTies);
        int winner = bestOf(tieBreak);
        List<Integer> tied = intervals.keySet().stream().filter(mb -> mb != winner
                && (mb == best || practicalTies.contains(mb) || intervals.get(mb).overlaps(top))).toList();
        // The tie-break is named only where it chose among practical ties.
        return tied.isEmpty() ? clearWin(winner)
                : new Verdict(winner, best, tied, practicalTies.size() > 1 ? objective.tieBreakName() : "");
    }

    private static int bestOf(Map<Integer, TrimmedMeanInterval> intervals) {
        return intervals.entrySet().stream()
                .min(Comparator.comparingDouble((Map.Entry<Integer, TrimmedMeanInterval> e) -> e.getValue().estimate())
                        .thenComparingInt(Map.Entry::getKey))
                .orElseThrow().getKey();
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
