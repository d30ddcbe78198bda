package dev.coldbrew.tuner.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the best memory size for an objective with far fewer calls than measuring every size, using the shape
 * Lambda gives duration and cost curves ({@link CpuShareModel}: {@code fixed + work/min(m, cap)}, cost the billed
 * duration times memory) where it fits, and only the assumption that more memory never slows a call where not.
 *
 * <p>The search runs in rounds; each measures one new size, adds calls to one size, or narrows the contenders:
 * <ol>
 * <li><b>Scan.</b> Both ends of the range, the grid size nearest 1769 MB (one vCPU) and sizes doubling from
 * the lower end (128, 256, …, 8192), {@code initialCalls} each. The ends make the balanced objective's
 * normalisation the whole range's, as an exhaustive sweep would have it, and tell single- from multi-threaded
 * work; the doubling sizes expose curves the model cannot follow, such as a step.
 * <li><b>Fit</b> the model to the measured trimmed means, setting aside the worst misfits. A size is
 * <em>fitted</em> when the model lies within two half-widths of its duration interval (or 3 %).
 * <li><b>Gaps.</b> Between two neighbouring measured sizes, could some grid size beat the winner by more than
 * {@value #TOLERANCE_PERCENT} %? Where the model fits both ends it answers: the gap's predicted best is measured
 * if it beats every measured size's prediction by that margin ("measure the predicted optimum", until a size
 * near it has been). Where it does not (a step, say), durations that never grow with memory still bound every
 * size in the gap by the upper end's duration; if even that bound could win, the gap is bisected, after a few
 * more calls at an end the model misses only narrowly (noise or a feature?). So a step is found by halving
 * the gaps where observation and model disagree, and only those where it could matter.
 * <li><b>Sides.</b> Around the measured size the model rates best, the nearest measured size on each side must
 * be its grid neighbour, or within {@value #TOLERANCE_PERCENT} % of it, measured or predicted; otherwise the
 * farthest size predicted within half that is measured, or the neighbour. On a 64 MB grid this measures the
 * optimum's neighbours; on a 1 MB grid it brackets the optimum to the tolerance instead of creeping a
 * megabyte at a time.
 * <li><b>Narrow</b> ({@code --num auto}): when nothing is left to probe and some size whose interval overlaps
 * the winner's is more than {@value #TOLERANCE_PERCENT} % worse by its estimate (closer is a practical tie, not
 * worth calls), the winner and every such size wider than {@code targetRelativeHalfWidth} get more calls (as many as
 * its width says it needs, at most doubling, up to {@code maxCallsPerSize}); sizes whose interval no longer
 * overlaps get none. Then back to 2, since the winner may change.
 * </ol>
 * <b>Stop</b> when nothing is left to probe and the verdict is clear, or every remaining contender is narrower
 * than the target or at {@code maxCallsPerSize}. It always ends: each round adds a size (at most {@code
 * maxSizes}) or calls (at most {@code maxCallsPerSize} per size). Sizes within {@value #TOLERANCE_PERCENT} % of
 * each other count as equally good when choosing what to measure: closer than that, a few dozen calls cannot
 * tell sizes apart anyway. The winner is always the measured size with the best point estimate ({@link Verdict}).
 */
public final class AdaptiveSearch {

    /** Objective values closer than this fraction are treated as equal when deciding what to measure. */
    static final double TOLERANCE = Verdict.PRACTICAL_TIE;
    private static final int TOLERANCE_PERCENT = Verdict.PRACTICAL_TIE_PERCENT;
    /** A measured size is fitted when the model is within this many half-widths of its duration interval … */
    private static final double FIT_HALF_WIDTHS = 2;
    /** … or within this fraction of it (intervals from few calls can be narrow by chance). */
    private static final double FIT_RELATIVE = 0.03;

    private AdaptiveSearch() {
    }

    /** Runs a function's calls at one memory size. */
    @FunctionalInterface
    public interface Measurer {
        /**
         * The per-call durations (ms) of {@code calls} calls at {@code memoryMb}: at least one (fewer than asked
         * is fine, none ends the search with an IllegalStateException). Failing calls are the caller's to handle
         * or to throw for.
         */
        double[] measure(int memoryMb, int calls);
    }

    /**
     * What to search and how hard.
     *
     * @param minMb lowest memory size, the grid's first point
     * @param maxMb highest memory size; the grid's last point is the highest {@code minMb + k·stepMb} not above it
     * @param stepMb grid step: 64 like the console's slider, or 1
     * @param confidence two-sided level of every interval, such as 0.95
     * @param targetRelativeHalfWidth a contender stops getting calls once its interval is this narrow (0.03 = ±3 %)
     * @param initialCalls calls at each newly measured size (below 5, intervals are the sample's range)
     * @param maxCallsPerSize most calls any size gets
     * @param maxSizes most sizes measured, the scan's included (at least 2: the range's ends)
     */
    public record Settings(int minMb, int maxMb, int stepMb, Objective objective, double pricePerGbSecond,
                           double pricePerRequest, double confidence, double targetRelativeHalfWidth,
                           int initialCalls, int maxCallsPerSize, int maxSizes) {
        public Settings {
            Objects.requireNonNull(objective, "objective");
            if (minMb < 1 || maxMb < minMb || stepMb < 1) {
                throw new IllegalArgumentException("Need 1 ≤ minMb ≤ maxMb and stepMb ≥ 1 (got " + minMb + ".."
                        + maxMb + " step " + stepMb + ")");
            }
            if (!(pricePerGbSecond >= 0 && pricePerRequest >= 0)) {
                throw new IllegalArgumentException("Prices must not be negative");
            }
            if (!(confidence > 0 && confidence < 1) || !(targetRelativeHalfWidth > 0)) {
                throw new IllegalArgumentException("Need 0 < confidence < 1 and targetRelativeHalfWidth > 0");
            }
            if (initialCalls < 1 || maxCallsPerSize < initialCalls || maxSizes < 2) {
                throw new IllegalArgumentException("Need initialCalls ≥ 1, maxCallsPerSize ≥ initialCalls and"
                        + " maxSizes ≥ 2 (got " + initialCalls + ", " + maxCallsPerSize + ", " + maxSizes + ")");
            }
        }
    }

    /**
     * What the search found: the winner and its verdict among the measured sizes, every measured size's
     * estimates (ascending), the calls made in all, and in words why it stopped.
     */
    public record Result(int winnerMb, Verdict verdict, Map<Integer, SizeEstimate> measured, int totalCalls,
                         String stopReason) {
        public Result {
            measured = Collections.unmodifiableMap(new TreeMap<>(measured));
        }
    }

    /** The adaptive search described above. */
    public static Result run(Measurer measurer, Settings settings) {
        return new Search(measurer, settings).run();
    }

    /**
     * Every size in {@code sizes} measured with {@code callsPerSize} calls and decided by the same rule, for
     * comparison with {@link #run}; the settings give the objective, prices and confidence.
     */
    public static Result exhaustive(Measurer measurer, Settings settings, List<Integer> sizes, int callsPerSize) {
        if (sizes.isEmpty() || callsPerSize < 1) {
            throw new IllegalArgumentException("Need at least one size and one call per size");
        }
        Search search = new Search(measurer, settings);
        for (int mb : new LinkedHashSet<>(sizes)) {
            search.measure(mb, callsPerSize);
        }
        Verdict verdict = Verdict.decide(search.estimates, settings.objective());
        return new Result(verdict.winner(), verdict, search.estimates, search.totalCalls,
                "exhaustive: " + search.estimates.size() + " sizes × " + callsPerSize + " calls");
    }

    /** One search's grid, measurements and rounds. */
    private static final class Search {
        private final Measurer measurer;
        private final Settings settings;
        private final int gridSize;
        private final Map<Integer, double[]> samples = new TreeMap<>();
        private final TreeMap<Integer, SizeEstimate> estimates = new TreeMap<>();
        private int totalCalls;

        Search(Measurer measurer, Settings settings) {
            this.measurer = measurer;
            this.settings = settings;
            this.gridSize = (settings.maxMb() - settings.minMb()) / settings.stepMb() + 1;
        }

        Result run() {
            for (int mb : scan()) {
                if (estimates.size() == settings.maxSizes()) {
                    break;
                }
                measure(mb, settings.initialCalls());
            }
            boolean sizeCapReached = false;
            while (true) {
                Round round = new Round();
                Optional<Probe> probe = round.probe();
                if (probe.isPresent() && (samples.containsKey(probe.get().mb()) || estimates.size() < settings.maxSizes())) {
                    measure(probe.get().mb(), probe.get().calls());
                    continue;
                }
                sizeCapReached |= probe.isPresent();
                List<Integer> contenders = round.contenders();
                // A contender whose estimate is within the tolerance of the winner's is a practical tie: separating
                // them would cost calls and change nothing that matters. Narrow only while a material one remains.
                double best = round.objective.get(round.winner).estimate();
                boolean material = contenders.stream().filter(mb -> mb != round.winner)
                        .anyMatch(mb -> round.objective.get(mb).estimate() > best * (1 + TOLERANCE));
                List<Integer> toNarrow = !material ? List.of() : contenders.stream()
                        .filter(mb -> mb == round.winner || round.objective.get(mb).estimate() > best * (1 + TOLERANCE))
                        .filter(mb -> round.objective.get(mb).relativeHalfWidth() > settings.targetRelativeHalfWidth()
                                && samples.get(mb).length < settings.maxCallsPerSize())
                        .toList();
                if (!toNarrow.isEmpty()) {
                    toNarrow.forEach(mb -> measure(mb, round.extraCalls(mb)));
                    continue;
                }
                String reason = round.verdict.clear() ? "clear winner"
                        : !material ? "contenders within " + TOLERANCE_PERCENT + " % of the winner (a practical tie)"
                        : contenders.stream().allMatch(mb -> round.objective.get(mb).relativeHalfWidth()
                                <= settings.targetRelativeHalfWidth())
                        ? "contenders within ±" + percent(settings.targetRelativeHalfWidth()) + " %"
                        : "contenders at " + settings.maxCallsPerSize() + " calls per size";
                if (sizeCapReached) {
                    reason += "; size cap of " + settings.maxSizes() + " reached";
                }
                return new Result(round.verdict.winner(), round.verdict, estimates, totalCalls, reason);
            }
        }

        void measure(int mb, int calls) {
            double[] got = measurer.measure(mb, calls);
            if (got == null || got.length == 0) {
                throw new IllegalStateException("The measurer returned no duration at " + mb + " MB");
            }
            double[] before = samples.getOrDefault(mb, new double[0]);
            double[] all = Arrays.copyOf(before, before.length + got.length);
            System.arraycopy(got, 0, all, before.length, got.length);
            samples.put(mb, all);
            totalCalls += got.length;
            estimates.put(mb, SizeEstimate.of(mb, all, settings.confidence(), settings.pricePerGbSecond(),
                    settings.pricePerRequest()));
        }

        /** The first sizes, most useful first (in case maxSizes cuts the list). */
        private Set<Integer> scan() {
            Set<Integer> sizes = new LinkedHashSet<>();
            sizes.add(gridMb(0));
            sizes.add(gridMb(gridSize - 1));
            if (CpuShareModel.MB_PER_VCPU > settings.minMb() && CpuShareModel.MB_PER_VCPU < settings.maxMb()) {
                sizes.add(snap(CpuShareModel.MB_PER_VCPU));
            }
            for (long mb = 2L * settings.minMb(); mb < settings.maxMb(); mb *= 2) {
                sizes.add(snap((int) mb));
            }
            return sizes;
        }

        private int gridMb(int index) {
            return settings.minMb() + index * settings.stepMb();
        }

        private int gridIndex(int mb) {
            return (mb - settings.minMb()) / settings.stepMb();
        }

        private int snap(int mb) {
            int index = (int) Math.round((mb - settings.minMb()) / (double) settings.stepMb());
            return gridMb(Math.max(0, Math.min(gridSize - 1, index)));
        }

        /** Everything one round decides from: the fit, each size's interval for the objective, the verdict. */
        private final class Round {
            final Map<Integer, TrimmedMeanInterval> objective = Verdict.objectiveIntervals(estimates, settings.objective());
            final Verdict verdict = Verdict.decide(estimates, settings.objective());
            /** The best point estimate: what the search centres on and must beat (the verdict's pick may be a cheaper equal). */
            final int winner = verdict.best();
            final double maxDuration = estimates.values().stream().mapToDouble(s -> s.duration().estimate()).max().orElse(1);
            final double maxCost = estimates.values().stream().mapToDouble(s -> s.cost().estimate()).max().orElse(1);
            final CpuShareModel model;

            Round() {
                Map<Integer, Double> durations = new TreeMap<>();
                estimates.forEach((mb, s) -> durations.put(mb, s.duration().estimate()));
                model = CpuShareModel.robustFit(durations, this::fits);
            }

            /** Whether {@code candidate} explains the measurement at {@code mb}. */
            private boolean fits(CpuShareModel candidate, int mb) {
                return Math.abs(estimates.get(mb).duration().estimate() - candidate.durationMs(mb))
                        <= fitBand(candidate, mb);
            }

            /** How far from a prediction a measured duration may lie and still count as explained. */
            private double fitBand(CpuShareModel candidate, int mb) {
                return Math.max(FIT_HALF_WIDTHS * estimates.get(mb).duration().halfWidth(),
                        FIT_RELATIVE * candidate.durationMs(mb));
            }

            private boolean fitted(int mb) {
                return fits(model, mb);
            }

            private double estimate(int mb) {
                return objective.get(mb).estimate();
            }

            /** The model's objective at any grid size, billed as whole milliseconds. */
            private double predicted(int mb) {
                double duration = model.durationMs(mb);
                double cost = Math.ceil(duration) * SizeEstimate.costPerBilledMs(mb, settings.pricePerGbSecond())
                        + settings.pricePerRequest();
                return settings.objective().score(duration, cost, maxDuration, maxCost);
            }

            /**
             * The lowest objective any size strictly between measured {@code lower} and {@code upper} can have if
             * more memory never makes a call slower: the duration is at least the upper size's, and so is the
             * billed duration, paid at no less than the smallest memory in the gap.
             */
            private double monotoneBound(int lower, int upper) {
                SizeEstimate top = estimates.get(upper);
                int smallest = lower + settings.stepMb();
                double cost = (top.cost().estimate() - settings.pricePerRequest()) * smallest / upper
                        + settings.pricePerRequest();
                return settings.objective().score(top.duration().estimate(), cost, maxDuration, maxCost);
            }

            /** What to measure next, if anything: the most promising gap first (lowest bound), then the sides. */
            Optional<Probe> probe() {
                List<Integer> measured = new ArrayList<>(estimates.keySet());
                double bestMeasuredPrediction = measured.stream().mapToDouble(this::predicted).min().orElseThrow();
                double bar = 1 - TOLERANCE; // a gap must promise more than the tolerance
                List<Map.Entry<Double, Probe>> gaps = new ArrayList<>();
                for (int i = 0; i + 1 < measured.size(); i++) {
                    int lower = measured.get(i);
                    int upper = measured.get(i + 1);
                    if (gridIndex(upper) - gridIndex(lower) < 2) {
                        continue;
                    }
                    if (fitted(lower) && fitted(upper)) {
                        int best = bestPredictedBetween(lower, upper);
                        if (predicted(best) < bar * bestMeasuredPrediction) {
                            gaps.add(Map.entry(predicted(best), newSize(best)));
                        }
                        continue;
                    }
                    double bound = monotoneBound(lower, upper);
                    if (bound < bar * estimate(winner)) {
                        Probe probe = confirmation(lower).or(() -> confirmation(upper))
                                .orElse(newSize(gridMb((gridIndex(lower) + gridIndex(upper)) / 2)));
                        gaps.add(Map.entry(bound, probe));
                    }
                }
                Optional<Probe> gap = gaps.stream().min(Map.Entry.comparingByKey()).map(Map.Entry::getValue);
                return gap.isPresent() ? gap : side(-1).or(() -> side(1)).map(this::newSize);
            }

            private Probe newSize(int mb) {
                return new Probe(mb, settings.initialCalls());
            }

            /**
             * More calls (doubling) at a size the model misses by no more than twice the fit band, as noise can,
             * while calls remain: a real feature stays a misfit, noise does not.
             */
            private Optional<Probe> confirmation(int mb) {
                TrimmedMeanInterval d = estimates.get(mb).duration();
                int calls = samples.get(mb).length;
                boolean narrowMiss = !fitted(mb) && Math.abs(d.estimate() - model.durationMs(mb)) <= 2 * fitBand(model, mb);
                return narrowMiss && calls < settings.maxCallsPerSize()
                        ? Optional.of(new Probe(mb, Math.min(calls, settings.maxCallsPerSize() - calls)))
                        : Optional.empty();
            }

            private int bestPredictedBetween(int lower, int upper) {
                int best = gridMb(gridIndex(lower) + 1);
                for (int index = gridIndex(lower) + 2; index < gridIndex(upper); index++) {
                    if (predicted(gridMb(index)) < predicted(best)) {
                        best = gridMb(index);
                    }
                }
                return best;
            }

            /**
             * A size to measure on one side (direction −1 or +1) of the measured size the model rates best, when
             * the model fits the winner: unless that side's nearest measured size is its grid neighbour or within
             * the tolerance of it (measured or predicted), the farthest size predicted within half the tolerance,
             * or else the neighbour. Centring on the model's best rather than on the noisiest-lowest estimate keeps
             * the probes from wandering along a flat optimum after the noise; probing at half the tolerance keeps
             * them sizes that may win. Where the model misses the winner, the gap rule's bound speaks for the sides.
             */
            private Optional<Integer> side(int direction) {
                if (!fitted(winner)) {
                    return Optional.empty();
                }
                int center = estimates.keySet().stream().filter(this::fitted)
                        .min(Comparator.comparingDouble(this::predicted)).orElse(winner);
                int centerIndex = gridIndex(center);
                if (direction < 0 ? centerIndex == 0 : centerIndex == gridSize - 1) {
                    return Optional.empty();
                }
                Integer nearest = direction < 0 ? estimates.lowerKey(center) : estimates.higherKey(center);
                int stop = nearest == null ? (direction < 0 ? -1 : gridSize) : gridIndex(nearest);
                if (nearest != null && (stop == centerIndex + direction
                        || estimate(nearest) <= (1 + TOLERANCE) * estimate(center)
                        || predicted(nearest) <= (1 + TOLERANCE) * predicted(center))) {
                    return Optional.empty();
                }
                int probe = gridMb(centerIndex + direction);
                for (int index = centerIndex + direction; index != stop; index += direction) {
                    if (predicted(gridMb(index)) <= (1 + TOLERANCE / 2) * predicted(center)) {
                        probe = gridMb(index);
                    }
                }
                return Optional.of(probe);
            }

            /** The winner and every size whose interval for the objective overlaps the winner's. */
            List<Integer> contenders() {
                List<Integer> contenders = new ArrayList<>(verdict.tiedWith());
                contenders.add(verdict.winner());
                return contenders;
            }

            /**
             * Calls to add at {@code mb}: as many as should bring its interval to the target width (it shrinks
             * as one over the square root of the calls), at most doubling them, within maxCallsPerSize.
             */
            int extraCalls(int mb) {
                int calls = samples.get(mb).length;
                double ratio = objective.get(mb).relativeHalfWidth() / settings.targetRelativeHalfWidth();
                double needed = Double.isFinite(ratio) ? Math.ceil(calls * (ratio * ratio - 1)) : calls;
                int extra = (int) Math.max(1, Math.min(calls, needed));
                return Math.min(extra, settings.maxCallsPerSize() - calls);
            }
        }
    }

    /** A size to measure with this many calls: a new size, or more calls at a measured one. */
    private record Probe(int mb, int calls) {
    }

    private static String percent(double fraction) {
        double value = fraction * 100;
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
