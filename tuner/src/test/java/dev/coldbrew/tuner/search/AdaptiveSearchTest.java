package dev.coldbrew.tuner.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.tuner.search.AdaptiveSearch.Measurer;
import dev.coldbrew.tuner.search.AdaptiveSearch.Result;
import dev.coldbrew.tuner.search.AdaptiveSearch.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The search on synthetic duration curves with log-normal noise (σ = 0.05, fixed seeds): no Lambda, no clock.
 * A winner is right when its true objective (noise-free, over the whole grid) is within 2 % of the optimum's, so
 * a plateau (any size ≥ 1769 MB for speed on single-threaded work, most of the range for cost on
 * multi-threaded work) accepts any of its sizes.
 */
class AdaptiveSearchTest {

    private static final double PRICE = 0.0000166667;
    private static final double FEE = 0.0000002;
    private static final int INITIAL_CALLS = 10;
    private static final double ACCEPTED = 1.02;

    /** Noise-free duration (ms) by memory size (MB). */
    enum Shape {
        CPU_SINGLE_THREADED(m -> 2 + 340.0 * 1769 / Math.min(m, 1769)),
        NETWORK_BOUND(m -> 50 + 5.0 * 1769 / Math.min(m, 1769)),
        NO_OP(m -> 2),
        /** GC pressure below 1 GB: 800 ms × 128 MB costs exactly 100 ms × 1024 MB, a true tie for cost. */
        GC_STEP(m -> m < 1024 ? 800 : 100),
        /** Heavier GC pressure: the threshold itself is the one cheapest size, which the model cannot predict. */
        GC_STEP_AT_THE_OPTIMUM(m -> m < 1024 ? 1200 : 100),
        MULTI_THREADED(m -> 5 + 2000.0 * 1769 / m);

        final IntToDoubleFunction durationMs;

        Shape(IntToDoubleFunction durationMs) {
            this.durationMs = durationMs;
        }
    }

    static Stream<Arguments> shapesAndObjectives() {
        List<Objective> objectives = List.of(new Objective.Cost(), new Objective.Speed(), new Objective.Balanced(0.5));
        return Stream.of(Shape.values()).flatMap(shape -> objectives.stream().map(o -> Arguments.of(shape, o)));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("shapesAndObjectives")
    void findsTheOptimumOnTheSixtyFourMegabyteGridWithAQuarterOfTheCalls(Shape shape, Objective objective) {
        Settings settings = settings(objective, 64);
        Result result = AdaptiveSearch.run(noisy(shape, 42), settings);

        List<Integer> grid = grid(settings);
        assertEquals(159, grid.size());
        assertAcceptable(shape, objective, grid, result);
        int exhaustiveCalls = grid.size() * INITIAL_CALLS;
        assertTrue(result.totalCalls() <= exhaustiveCalls / 4,
                result.totalCalls() + " calls, exhaustive " + exhaustiveCalls + ": " + result);
        assertEquals(result.verdict(), Verdict.decide(result.measured(), objective));
        assertEquals(result.winnerMb(), result.verdict().winner());
    }

    static Stream<Objective> costAndBalanced() {
        return Stream.of(new Objective.Cost(), new Objective.Balanced(0.5));
    }

    @ParameterizedTest
    @MethodSource("costAndBalanced")
    void aStepIsFoundByBisectingWhereTheModelMissesIt(Objective objective) {
        Result result = AdaptiveSearch.run(noisy(Shape.GC_STEP_AT_THE_OPTIMUM, 42), settings(objective, 64));
        // The scan measured 512 and 1024 MB; bisection then found 960 MB, the last slow size.
        assertEquals(1024, result.winnerMb(), result.toString());
        assertTrue(result.measured().keySet().containsAll(List.of(768, 896, 960)), result.measured().keySet().toString());
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("shapesAndObjectives")
    void onTheOneMegabyteGridItBracketsTheOptimumInsteadOfCreeping(Shape shape, Objective objective) {
        Settings settings = settings(objective, 1);
        Result result = AdaptiveSearch.run(noisy(shape, 7), settings);
        List<Integer> grid = grid(settings);
        assertEquals(10113, grid.size());
        assertAcceptable(shape, objective, grid, result);
        // An exhaustive sweep of this grid would make 101,130 calls.
        assertTrue(result.totalCalls() <= 400, result.totalCalls() + " calls: " + result);
    }

    @Test
    void identicalTrueCostsAreReportedAsATie() {
        Settings settings = settings(new Objective.Cost(), 64);
        Result pair = AdaptiveSearch.exhaustive(noisy(Shape.GC_STEP, 42), settings, List.of(128, 1024), INITIAL_CALLS);
        int other = pair.winnerMb() == 128 ? 1024 : 128;
        assertFalse(pair.verdict().clear());
        assertEquals(List.of(other), pair.verdict().tiedWith());
        assertTrue(pair.verdict().describe().startsWith("tied with " + other + " MB"), pair.verdict().describe());

        Result search = AdaptiveSearch.run(noisy(Shape.GC_STEP, 42), settings);
        assertTrue(List.of(128, 1024).contains(search.winnerMb()), search.toString());
        assertTrue(search.verdict().tiedWith().contains(search.winnerMb() == 128 ? 1024 : 128), search.toString());
    }

    @Test
    void theExhaustiveSweepMeasuresEverySizeAndDecidesByTheSameRule() {
        Settings settings = settings(new Objective.Balanced(0.5), 64);
        List<Integer> grid = grid(settings);
        Result sweep = AdaptiveSearch.exhaustive(noisy(Shape.CPU_SINGLE_THREADED, 42), settings, grid, INITIAL_CALLS);
        assertEquals(grid, List.copyOf(sweep.measured().keySet()));
        assertEquals(grid.size() * INITIAL_CALLS, sweep.totalCalls());
        assertTrue(sweep.measured().values().stream().allMatch(s -> s.duration().n() == INITIAL_CALLS));
        assertEquals(Verdict.decide(sweep.measured(), settings.objective()), sweep.verdict());
        assertEquals("exhaustive: 159 sizes × 10 calls", sweep.stopReason());
        assertAcceptable(Shape.CPU_SINGLE_THREADED, settings.objective(), grid, sweep);
    }

    @Test
    void clearWinnerAndReproducible() {
        Settings settings = settings(new Objective.Cost(), 64);
        Result first = AdaptiveSearch.run(noisy(Shape.NO_OP, 42), settings);
        // Cost grows with memory at a flat 2 ms: 128 MB, and nothing near it, by far.
        assertEquals(128, first.winnerMb());
        assertEquals("clear", first.verdict().describe());
        assertEquals("clear winner", first.stopReason());
        assertEquals(first, AdaptiveSearch.run(noisy(Shape.NO_OP, 42), settings));
    }

    @Test
    void alwaysEndsWithinItsCaps() {
        // Wild noise (σ = 1) that no model explains, and a width no contender reaches.
        SplittableRandom random = new SplittableRandom(3);
        Measurer wild = (mb, calls) -> random.doubles(calls).map(u -> 100 * Math.exp(random.nextGaussian())).toArray();
        Settings settings = new Settings(128, 10240, 1, new Objective.Balanced(0.5), PRICE, FEE, 0.95, 0.001, 5, 20, 12);
        Result result = AdaptiveSearch.run(wild, settings);
        assertTrue(result.measured().size() <= 12);
        assertTrue(result.measured().values().stream().allMatch(s -> s.duration().n() <= 20));
        assertTrue(result.totalCalls() <= 12 * 20);
        assertTrue(result.stopReason().contains("20 calls per size"), result.stopReason());
    }

    @Test
    void theSizeCapStopsProbing() {
        Settings capped = new Settings(128, 10240, 64, new Objective.Cost(), PRICE, FEE, 0.95, 0.02, 10, 40, 3);
        Result result = AdaptiveSearch.run(noisy(Shape.NETWORK_BOUND, 42), capped);
        // The scan's first three: both ends and one vCPU.
        assertEquals(List.of(128, 1792, 10240), List.copyOf(result.measured().keySet()));
        assertTrue(result.stopReason().endsWith("size cap of 3 reached"), result.stopReason());
    }

    @Test
    void rejectsBadSettingsAndASilentMeasurer() {
        Objective cost = new Objective.Cost();
        assertThrows(IllegalArgumentException.class, () -> new Settings(128, 64, 64, cost, PRICE, FEE, 0.95, 0.02, 10, 40, 40));
        assertThrows(IllegalArgumentException.class, () -> new Settings(128, 10240, 64, cost, PRICE, FEE, 0.95, 0.02, 10, 9, 40));
        assertThrows(IllegalArgumentException.class, () -> new Settings(128, 10240, 64, cost, PRICE, FEE, 0.95, 0.02, 10, 40, 1));
        assertThrows(IllegalArgumentException.class, () -> new Settings(128, 10240, 64, cost, PRICE, FEE, 1.0, 0.02, 10, 40, 40));
        assertThrows(IllegalStateException.class,
                () -> AdaptiveSearch.run((mb, calls) -> new double[0], settings(cost, 64)));
    }

    private static Settings settings(Objective objective, int stepMb) {
        return new Settings(128, 10240, stepMb, objective, PRICE, FEE, 0.95, 0.02, INITIAL_CALLS, 40, 40);
    }

    /** The shape's durations times log-normal noise with σ = 0.05, from a fixed seed. */
    private static Measurer noisy(Shape shape, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return (mb, calls) -> {
            double[] ms = new double[calls];
            for (int i = 0; i < calls; i++) {
                ms[i] = shape.durationMs.applyAsDouble(mb) * Math.exp(0.05 * random.nextGaussian());
            }
            return ms;
        };
    }

    private static List<Integer> grid(Settings settings) {
        List<Integer> grid = new ArrayList<>();
        for (int mb = settings.minMb(); mb <= settings.maxMb(); mb += settings.stepMb()) {
            grid.add(mb);
        }
        return grid;
    }

    /**
     * The search's best estimate is truly within 2 % of the best on the grid (normalised over the whole grid), and
     * the winner is it or, by the verdict's tie-break, a size within 2 % of it by the estimates.
     */
    private static void assertAcceptable(Shape shape, Objective objective, List<Integer> grid, Result result) {
        double maxMs = grid.stream().mapToDouble(shape.durationMs::applyAsDouble).max().orElseThrow();
        double maxCost = grid.stream().mapToDouble(mb -> trueCost(shape, mb)).max().orElseThrow();
        IntToDoubleFunction truth = mb -> objective.score(shape.durationMs.applyAsDouble(mb), trueCost(shape, mb),
                maxMs, maxCost);
        double best = grid.stream().mapToDouble(truth::applyAsDouble).min().orElseThrow();
        int found = result.verdict().best();
        double got = truth.applyAsDouble(found);
        assertTrue(got <= ACCEPTED * best, String.format("%s %s: %d MB is %.2f %% above the optimum; %s",
                shape, objective, found, (got / best - 1) * 100, result));
        Map<Integer, TrimmedMeanInterval> estimates = Verdict.objectiveIntervals(result.measured(), objective);
        assertTrue(estimates.get(result.winnerMb()).estimate()
                <= (1 + Verdict.PRACTICAL_TIE) * estimates.get(found).estimate(), result.toString());
    }

    private static double trueCost(Shape shape, int mb) {
        return shape.durationMs.applyAsDouble(mb) * SizeEstimate.costPerBilledMs(mb, PRICE) + FEE;
    }
}
