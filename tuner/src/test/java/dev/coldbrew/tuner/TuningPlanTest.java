package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TuningPlanTest {

    @Test
    void defaultsAreTheCommandLines() {
        TuningPlan plan = TuningPlan.builder().build();
        assertEquals(List.of(128, 256, 512, 1024, 1536, 3008), plan.powers());
        assertEquals(10, plan.num());
        assertEquals(0.2, plan.discardTopBottom());
        assertEquals(0, plan.sleepBetweenRunsMs());
        assertFalse(plan.parallel() || plan.onlyColdStarts() || plan.dryRun());
        assertEquals(new Strategy.Balanced(0.5), plan.strategy());
        assertEquals(List.of(new Strategy.Cost(), new Strategy.Speed(), new Strategy.Balanced(0.5)), plan.strategies());
    }

    @Test
    void aDryRunCallsOnceAndOnlyColdStartsTrimNothing() {
        assertEquals(1, TuningPlan.builder().num(8).dryRun(true).build().invocationsPerPower());
        assertEquals(8, TuningPlan.builder().num(8).build().invocationsPerPower());
        assertEquals(0, TuningPlan.builder().discardTopBottom(0.3).onlyColdStarts(true).build().effectiveDiscard());
        assertEquals(0.3, TuningPlan.builder().discardTopBottom(0.3).build().effectiveDiscard());
    }

    @Test
    void numAutoStartsWithFiveCallsAndCapsAtTwentyOrItsOwnMaximum() {
        MeasurementOptions plain = new MeasurementOptions();
        new picocli.CommandLine(plain).parseArgs("--num", "auto");
        TuningPlan auto = plain.plan(new Strategy.Options(), new OutputOptions());
        assertEquals(5, auto.invocationsPerPower());
        assertEquals(20, auto.maxInvocationsPerPower());
        MeasurementOptions options = new MeasurementOptions();
        new picocli.CommandLine(options).parseArgs("--num", TuningPlan.PROJECT_NUM);
        TuningPlan project = options.plan(new Strategy.Options(), new OutputOptions());
        assertTrue(project.numAuto());
        assertEquals(5, project.invocationsPerPower());
        assertEquals(8, project.maxInvocationsPerPower());
    }

    @Test
    void rejectsWhatTheMeasurementCannotWorkWith() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuningPlan.builder().num(0).build())
                .getMessage().contains("--num must be at least 1 (got 0)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuningPlan.builder().discardTopBottom(0.41).build())
                .getMessage().contains("--discard-top-bottom must be between 0 and 0.4"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuningPlan.builder().discardTopBottom(Double.NaN).build())
                .getMessage().contains("--discard-top-bottom"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TuningPlan.builder().sleepBetweenRunsMs(-1).build())
                .getMessage().contains("--sleep-between-runs must not be negative"));
    }

    @Test
    void powersAreCopied() {
        List<Integer> powers = new java.util.ArrayList<>(List.of(128, 256));
        TuningPlan plan = TuningPlan.builder().powers(powers).build();
        powers.add(512);
        assertEquals(List.of(128, 256), plan.powers());
    }

    @Test
    void theChosenStrategyStandsForItsKindAmongThoseCompared() {
        TuningPlan plan = TuningPlan.builder().strategy(new Strategy.Balanced(0.8)).build();
        assertEquals(List.of(new Strategy.Cost(), new Strategy.Speed(), new Strategy.Balanced(0.8)), plan.strategies());
    }
}
