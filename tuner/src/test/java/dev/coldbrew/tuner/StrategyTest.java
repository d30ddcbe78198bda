package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StrategyTest {

    private static PowerResult result(int power, double duration, double cost) {
        return PowerResult.builder(power).invocations(10).duration(duration).billedDuration(duration)
                .cost(cost).totalCost(cost * 10).p50(duration).p90(duration).p99(duration)
                .warmCount(10).warmMean(duration).warmP50(duration).warmP90(duration).warmP99(duration)
                .maxMemoryUsed(64).build();
    }

    private static PowerResult failed(int power) {
        return PowerResult.builder(power).invocations(1).errors(1).failure("Sandbox.Timedout").build();
    }

    // A CPU-bound shape: faster with memory, cheapest in the middle.
    private final List<PowerResult> cpu = List.of(
            failed(64 + 64),
            result(256, 1600, 6.7e-6),
            result(512, 800, 6.6e-6),
            result(1024, 400, 6.7e-6),
            result(2048, 260, 8.7e-6),
            result(3008, 250, 12.3e-6));

    @Test
    void costPicksTheCheapestAndSpeedTheFastestSkippingFailures() {
        assertEquals(512, Strategy.COST.pick(cpu, 0.5).orElseThrow().power());
        assertEquals(3008, Strategy.SPEED.pick(cpu, 0.5).orElseThrow().power());
    }

    @Test
    void ties() {
        List<PowerResult> tie = List.of(result(128, 10, 1e-6), result(256, 5, 1e-6), result(512, 5, 2e-6));
        assertEquals(256, Strategy.COST.pick(tie, 0.5).orElseThrow().power());
        assertEquals(256, Strategy.SPEED.pick(tie, 0.5).orElseThrow().power());
    }

    @Test
    void balancedFormulaScalesEachMetricByItsMaximum() {
        // w = 0.5: score = 0.5·cost/12.3e-6 + 0.5·duration/1600.
        // 1024: 0.5·0.5447 + 0.5·0.25 = 0.397; 2048: 0.5·0.7073 + 0.5·0.1625 = 0.435; 512: 0.268+0.25 = 0.518.
        assertEquals(1024, Strategy.BALANCED.pick(cpu, 0.5).orElseThrow().power());
        // Weight 0 behaves like speed, weight 1 like cost.
        assertEquals(3008, Strategy.BALANCED.pick(cpu, 0.0).orElseThrow().power());
        assertEquals(512, Strategy.BALANCED.pick(cpu, 1.0).orElseThrow().power());
    }

    @Test
    void noCandidateGivesNoWinner() {
        assertTrue(Strategy.COST.pick(List.of(failed(128)), 0.5).isEmpty());
    }

    @Test
    void parsesNames() {
        assertEquals(Strategy.BALANCED, Strategy.parse(" Balanced "));
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("cheap"));
    }
}
