package dev.coldbrew.tuner;

import java.util.List;

/** What to measure for every function of a run; validated by the CLI. */
public record TuningPlan(
        List<Integer> powers,
        int num,
        boolean parallel,
        boolean onlyColdStarts,
        long sleepBetweenRunsMs,
        double discardTopBottom,
        boolean dryRun,
        Strategy strategy,
        double balancedWeight) {

    /** Invocations per power value: one in a dry run. */
    public int invocationsPerPower() {
        return dryRun ? 1 : num;
    }

    /** Power Tuning forces the trim to zero with only cold starts: every sample is the thing measured. */
    public double effectiveDiscard() {
        return onlyColdStarts ? 0 : discardTopBottom;
    }
}
