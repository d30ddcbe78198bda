package dev.coldbrew.tuner.advice;

import dev.coldbrew.tuner.Pricing;

/**
 * What the advisor knows about one function at one memory size: its warm duration, its on-demand cold start
 * (INIT, then the first invoke), and its SnapStart cold start (the restore, then the first invoke after it).
 * Every figure is measured except where a flag says it is an estimate: Lambda's snapshot restore cannot be
 * measured without Lambda, so unless an AWS run gave it, it comes from {@link SnapStartDefaults}.
 *
 * @param billedRestoreMs       the part of a restore Lambda bills (Billed Restore Duration: runtime load and hooks)
 * @param snapStartRefusal      why SnapStart is not a candidate (a container image), or null
 */
public record FunctionFigures(
        String function,
        int memoryMb,
        Pricing pricing,
        double warmP50Ms,
        double warmP99Ms,
        double initMs,
        double firstInvokeMs,
        double restoreMs,
        double billedRestoreMs,
        String restoreSource,
        boolean restoreEstimated,
        double restoredFirstInvokeMs,
        boolean restoredFirstInvokeEstimated,
        String snapStartRefusal) {

    public FunctionFigures {
        if (memoryMb < 128 || warmP50Ms <= 0 || warmP99Ms < warmP50Ms || initMs < 0 || firstInvokeMs < 0
                || restoreMs < 0 || billedRestoreMs < 0 || restoredFirstInvokeMs < 0) {
            throw new IllegalArgumentException("Inconsistent figures for " + function + ": warm p50 " + warmP50Ms
                    + " ms, p99 " + warmP99Ms + " ms, init " + initMs + " ms, first invoke " + firstInvokeMs + " ms.");
        }
    }

    public boolean snapStartAllowed() {
        return snapStartRefusal == null;
    }

    /** The on-demand cold start as the caller waits for it. */
    public double onDemandColdMs() {
        return initMs + firstInvokeMs;
    }

    /** The SnapStart cold start as the caller waits for it. */
    public double snapStartColdMs() {
        return restoreMs + restoredFirstInvokeMs;
    }
}
