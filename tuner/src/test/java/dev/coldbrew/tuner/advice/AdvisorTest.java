package dev.coldbrew.tuner.advice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.tuner.Pricing;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The pool simulator and the advisor on traffic and figures whose answer is known without simulating. */
class AdvisorTest {
    private static final Pricing X86 = Pricing.of(Pricing.Architecture.X86_64, "us-east-1");
    private static final PoolSimulator SIMULATOR = new PoolSimulator(PoolSimulator.Assumptions.DEFAULT);
    private static final Advisor ADVISOR = new Advisor(SIMULATOR);

    /** A function whose every warm request takes exactly {@code warmMs}. */
    private static FunctionFigures figures(double warmMs, double initMs, double firstInvokeMs, String snapStartRefusal) {
        return new FunctionFigures("Fn", 1024, X86, warmMs, warmMs, initMs, firstInvokeMs,
                SnapStartDefaults.restoreMs(1024), SnapStartDefaults.BILLED_RESTORE_MS, SnapStartDefaults.RESTORE_SOURCE,
                true, firstInvokeMs, true, snapStartRefusal);
    }

    /** One request every {@code everyMs} all day, starting at 00:00. */
    private static TrafficProfile every(long everyMs) {
        return TrafficProfile.of("every " + everyMs + " ms",
                LongStream.iterate(0, t -> t < TrafficProfile.DAY_MS, t -> t + everyMs).toArray());
    }

    @Test
    void theBreakEvenUtilisationOfThePriceTableIsTheClosedForm() {
        assertEquals(0.0000041667 / (0.0000166667 - 0.0000097222), X86.provisionedBreakEvenUtilization(), 1e-12);
        assertEquals(0.60, X86.provisionedBreakEvenUtilization(), 0.001);
        Pricing arm = Pricing.of(Pricing.Architecture.ARM64, "us-east-1");
        assertEquals(0.60, arm.provisionedBreakEvenUtilization(), 0.001);
    }

    /** One environment busy a share u of the day: provisioned concurrency 1 wins above the break-even, loses below. */
    @Test
    void theSimulatedCostsCrossAtTheBreakEvenUtilisation() {
        TrafficProfile everySecond = every(1000);
        for (double utilization : new double[] {0.55, 0.65}) {
            FunctionFigures f = figures(1000 * utilization, 1, 1000 * utilization, null);
            double onDemand = SIMULATOR.run(f, everySecond, new ColdStartStrategy.OnDemand()).monthlyCostUsd();
            double provisioned = SIMULATOR.run(f, everySecond, new ColdStartStrategy.Provisioned(1)).monthlyCostUsd();
            assertEquals(utilization > X86.provisionedBreakEvenUtilization(), provisioned < onDemand,
                    "at " + utilization + ": on-demand $" + onDemand + ", provisioned $" + provisioned);
        }
    }

    @Test
    void steadyTrafficAtFullUtilisationFavoursProvisionedConcurrency() {
        FunctionFigures f = figures(999, 600, 999, null);
        Advisor.Advice advice = ADVISOR.advise(f, every(1000), AutoscalingSettings.TEMPLATE_DEFAULTS, null);
        ColdStartStrategy.Provisioned chosen = assertInstanceOf(ColdStartStrategy.Provisioned.class, advice.recommended().strategy());
        assertEquals(1, chosen.environments());
        assertEquals(0, advice.recommended().coldStarts());
        assertEquals(1, advice.recommended().utilizationByHour()[12], 0.01);
    }

    @Test
    void oneRequestAnHourFavoursOnDemandAndEveryRequestIsACold() {
        FunctionFigures light = figures(20, 100, 40, null);
        Advisor.Advice advice = ADVISOR.advise(light, every(3_600_000), AutoscalingSettings.TEMPLATE_DEFAULTS, null);
        assertInstanceOf(ColdStartStrategy.OnDemand.class, advice.recommended().strategy());
        PoolSimulator.Result onDemand = advice.strategies().getFirst();
        assertEquals(24, onDemand.requests());
        assertEquals(24, onDemand.coldStarts(), "an hour idle is past the idle limit: every request starts cold");
        assertEquals(140, onDemand.p50Ms(), 1e-9);
    }

    /** With a heavy INIT, SnapStart bills only the restore's billed part: it is the cheaper way, and said to be an estimate. */
    @Test
    void oneRequestAnHourWithAHeavyInitFavoursSnapStartAsAnEstimate() {
        FunctionFigures heavy = figures(20, 2500, 40, null);
        Advisor.Advice advice = ADVISOR.advise(heavy, every(3_600_000), AutoscalingSettings.TEMPLATE_DEFAULTS, null);
        assertInstanceOf(ColdStartStrategy.SnapStart.class, advice.recommended().strategy());
        assertTrue(advice.recommended().estimate());
        assertTrue(advice.verdict().contains("an estimate: it assumes a SnapStart restore of 738 ms"), advice.verdict());
        // A container image cannot take SnapStart: it is not among the candidates.
        Advisor.Advice image = ADVISOR.advise(figures(20, 2500, 40, "a container image"), every(3_600_000),
                AutoscalingSettings.TEMPLATE_DEFAULTS, null);
        assertTrue(image.strategies().stream().noneMatch(r -> r.strategy() instanceof ColdStartStrategy.SnapStart));
    }

    @Test
    void autoscalingNeverProvisionsBelowItsFloor() {
        AutoscalingSettings settings = new AutoscalingSettings(1, 10, 3, 8 * 60, 18 * 60, 0.7);
        for (TrafficProfile traffic : List.of(every(3_600_000), every(50))) {
            PoolSimulator.Result result = SIMULATOR.run(figures(40, 300, 80, null), traffic, new ColdStartStrategy.Autoscaled(settings));
            double[] byHour = result.provisionedByHour();
            for (int h = 0; h < 24; h++) {
                assertTrue(byHour[h] >= settings.minCapacity() - 1e-9, traffic.name() + ", hour " + h + ": " + byHour[h]);
                assertTrue(byHour[h] <= settings.maxCapacity() + 1e-9);
            }
            // The busy floor is in place once its allocation is done (hour 8 includes the delay).
            for (int h = 9; h < 18; h++) {
                assertTrue(byHour[h] >= settings.busyMinCapacity() - 1e-9, traffic.name() + ", hour " + h + ": " + byHour[h]);
            }
        }
    }

    /** 20 requests a second of 100 ms: about 2 busy at once, so target tracking at 0.7 scales out from its floor of 1. */
    @Test
    void autoscalingScalesOutUnderLoadAndServesWithFewColdStarts() {
        AutoscalingSettings settings = new AutoscalingSettings(1, 10, 1, 0, 0, 0.7);
        PoolSimulator.Result result = SIMULATOR.run(figures(100, 500, 150, null), every(50), new ColdStartStrategy.Autoscaled(settings));
        assertTrue(result.provisionedByHour()[12] >= 3 - 1e-9, "capacity at noon: " + result.provisionedByHour()[12]);
        assertTrue(result.utilizationByHour()[12] <= 0.75, "utilisation at noon: " + result.utilizationByHour()[12]);
        assertTrue(result.coldStartShare() < 0.001, "cold starts: " + result.coldStarts());
    }

    @Test
    void aSloNobodyMeetsIsAResultNamingTheClosest() {
        FunctionFigures f = figures(120, 400, 200, null);
        Advisor.Advice advice = ADVISOR.advise(f, every(10_000), AutoscalingSettings.TEMPLATE_DEFAULTS, 100.0);
        assertFalse(advice.sloMet());
        assertTrue(advice.verdict().startsWith("no strategy meets p99 <= 100 ms; closest: "), advice.verdict());
        double lowest = advice.strategies().stream().mapToDouble(PoolSimulator.Result::p99Ms).min().orElseThrow();
        assertEquals(lowest, advice.recommended().p99Ms(), 1e-9);
    }

    @Test
    void aSloTheCheapestMissesPicksTheCheapestThatMeetsIt() {
        FunctionFigures f = figures(50, 900, 300, "a container image");
        TrafficProfile sparse = every(20 * 60_000);
        Advisor.Advice cheapest = ADVISOR.advise(f, sparse, AutoscalingSettings.TEMPLATE_DEFAULTS, null);
        assertInstanceOf(ColdStartStrategy.OnDemand.class, cheapest.recommended().strategy());
        assertNull(cheapest.p99SloMs());
        Advisor.Advice fast = ADVISOR.advise(f, sparse, AutoscalingSettings.TEMPLATE_DEFAULTS, 200.0);
        assertTrue(fast.sloMet());
        assertTrue(fast.recommended().p99Ms() <= 200);
        assertInstanceOf(ColdStartStrategy.Provisioned.class, fast.recommended().strategy());
    }

    /** Sparse traffic on a light function: on-demand and SnapStart cost within cents, and on-demand's cold start is the shorter. */
    @Test
    void aCostTieGoesToTheLowerP99() {
        FunctionFigures light = figures(3, 160, 8, null);
        Advisor.Advice advice = ADVISOR.advise(light, every(15 * 60_000), AutoscalingSettings.TEMPLATE_DEFAULTS, null);
        PoolSimulator.Result snapStart = advice.strategies().get(1);
        assertInstanceOf(ColdStartStrategy.SnapStart.class, snapStart.strategy());
        assertTrue(snapStart.monthlyCostUsd() <= advice.recommended().monthlyCostUsd());
        assertInstanceOf(ColdStartStrategy.OnDemand.class, advice.recommended().strategy());
    }

    /** Busy traffic where every strategy has the same p99: the cheapest measured one, never a pricier near-tie. */
    @Test
    void equalLatenciesGoToTheCheapestMeasuredStrategy() {
        Advisor.Advice advice = ADVISOR.advise(figures(191, 380, 194, null), every(100), AutoscalingSettings.TEMPLATE_DEFAULTS, null);
        PoolSimulator.Result chosen = advice.recommended();
        assertFalse(chosen.estimate());
        for (PoolSimulator.Result other : advice.strategies()) {
            if (!other.estimate() && other.p99Ms() <= chosen.p99Ms() * 1.05) {
                assertTrue(chosen.monthlyCostUsd() <= other.monthlyCostUsd(), chosen.strategy().label() + " over " + other.strategy().label());
            }
        }
    }

    @Test
    void provisionedValuesCoverOneToThePeak() {
        assertEquals(List.of(1, 2, 3), Advisor.provisionedValues(3));
        List<Integer> many = Advisor.provisionedValues(100);
        assertEquals(1, many.getFirst());
        assertEquals(100, many.getLast());
        assertTrue(many.size() <= 16);
    }

    @Test
    void badFiguresAndSettingsSayWhy() {
        assertThrows(IllegalArgumentException.class, () -> figures(-1, 1, 1, null));
        assertThrows(IllegalArgumentException.class, () -> new AutoscalingSettings(5, 2, 1, 0, 0, 0.7));
        assertThrows(IllegalArgumentException.class, () -> new AutoscalingSettings(1, 2, 1, 0, 0, 1.5));
        IllegalArgumentException slo = assertThrows(IllegalArgumentException.class,
                () -> ADVISOR.advise(figures(10, 10, 10, null), every(60_000), AutoscalingSettings.TEMPLATE_DEFAULTS, -5.0));
        assertTrue(slo.getMessage().contains("--p99-slo"));
    }
}
