package dev.coldbrew.tuner.advice;

/**
 * What the advisor assumes about a SnapStart restore when no AWS run measured one. The local Lambda restores a
 * primed environment without Lambda's snapshot engine, so its Restore Duration leaves out the snapshot load,
 * which is most of it on Lambda. These defaults are public measurements, and every figure resting on them is
 * reported as an estimate; {@code --snapstart-restore-ms} replaces them.
 */
public final class SnapStartDefaults {
    /**
     * Restore Duration p50 of a trivial java21 handler by memory size, lambda-perf (github.com/maxday/lambda-perf),
     * daily runs 2025-09-09 to 2025-10-17, x86_64 zip: 128 MB 1084 ms, 256 MB 824, 512 MB 730, 1024 MB 738.
     * Above 1024 MB the 1024 MB figure is used (not measured there).
     */
    public static final String RESTORE_SOURCE =
            "lambda-perf java21 SnapStart Restore Duration p50, 2025-09/10 (128 MB 1084, 256 MB 824, 512 MB 730, 1024 MB 738 ms)";
    private static final int[] MEMORY = {128, 256, 512, 1024};
    private static final double[] RESTORE_MS = {1084, 824, 730, 738};

    /**
     * Billed Restore Duration (runtime load and afterRestore hooks; the snapshot load is not billed): 136 to 163 ms
     * in the published REPORT lines the AWS SnapStart monitoring page explains
     * (docs.aws.amazon.com/lambda/latest/dg/snapstart-monitoring.html); the middle is used.
     */
    public static final double BILLED_RESTORE_MS = 150;

    private SnapStartDefaults() {
    }

    /** The restore the advisor assumes at {@code memoryMb}: the public figure of the nearest size at or below it. */
    public static double restoreMs(int memoryMb) {
        double restore = RESTORE_MS[0];
        for (int i = 0; i < MEMORY.length; i++) {
            if (memoryMb >= MEMORY[i]) {
                restore = RESTORE_MS[i];
            }
        }
        return restore;
    }
}
