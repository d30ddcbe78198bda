package dev.coldbrew.tuner;

import java.util.List;

/**
 * What to measure for every function of a run, and how the winner is chosen: by {@code strategy}, while the
 * reports also show the winner of each of {@code strategies}. Made with {@link #builder()}, whose defaults are
 * the command line's; a value the measurement cannot work with is rejected with a message naming the option
 * that sets it. {@code allowedExceptions} are function error types whose calls still count as measurements;
 * {@code preInvoke} and {@code postInvoke} name functions called around every measured call (null: none);
 * {@code disablePayloadLogs} keeps payloads, and the error messages that may quote them, out of every failure
 * reason the measurement writes.
 */
public record TuningPlan(
        List<Integer> powers,
        int num,
        boolean parallel,
        boolean onlyColdStarts,
        long sleepBetweenRunsMs,
        double discardTopBottom,
        boolean dryRun,
        Strategy strategy,
        List<Strategy> strategies,
        List<String> allowedExceptions,
        String preInvoke,
        String postInvoke,
        boolean disablePayloadLogs,
        boolean numAuto,
        boolean adaptive,
        int stepMb) {

    static final String DEFAULT_POWERS = "128,256,512,1024,1536,3008";
    /**
     * What a project's tuning (coldbrew:tune, make tune) measures unless told otherwise: one vCPU (1769 MB) and the
     * sizes around it, 5 calls a size and up to 8 for the sizes still in contention.
     */
    public static final String PROJECT_POWERS = "128,512,1024,1769,3008", PROJECT_NUM = "auto:8";
    static final int DEFAULT_NUM = 10;
    /** With --num auto: calls at each size first, and the most any size gets while it still could win (auto:N sets it). */
    static final int AUTO_INITIAL_CALLS = 5, AUTO_MAX_CALLS = 20;
    /**
     * With --num auto: a contender stops getting calls once its 95 % interval is within ±5 % of its estimate, about
     * the step between neighbouring memory sizes' costs that is worth telling apart.
     */
    static final double AUTO_TARGET_RELATIVE_HALF_WIDTH = 0.05;
    /** The adaptive search's range when --power is not given, Lambda's whole range, and its grid. */
    static final String ADAPTIVE_POWERS = "128,10240";
    static final int DEFAULT_STEP_MB = 64;
    static final double DEFAULT_DISCARD_TOP_BOTTOM = 0.2;
    /** Power Tuning's limit: trimming more would leave too few calls to average. */
    static final double MAX_DISCARD_TOP_BOTTOM = 0.4;

    public TuningPlan {
        if (num < 1) {
            throw new IllegalArgumentException("--num must be at least 1 (got " + num + ").");
        }
        if (!(discardTopBottom >= 0 && discardTopBottom <= MAX_DISCARD_TOP_BOTTOM)) {
            throw new IllegalArgumentException("--discard-top-bottom must be between 0 and " + MAX_DISCARD_TOP_BOTTOM
                    + " (got " + discardTopBottom + ").");
        }
        if (sleepBetweenRunsMs < 0) {
            throw new IllegalArgumentException("--sleep-between-runs must not be negative.");
        }
        powers = List.copyOf(powers);
        if (adaptive && (stepMb < 1 || stepMb > 1024)) {
            throw new IllegalArgumentException("--step must be between 1 and 1024 MB (got " + stepMb + ").");
        }
        if (adaptive && dryRun) {
            throw new IllegalArgumentException("A dry run calls each --power value once; drop --search adaptive.");
        }
        if (adaptive && (onlyColdStarts || parallel)) {
            throw new IllegalArgumentException("--search adaptive measures warm calls one after another; drop "
                    + (onlyColdStarts ? "--only-cold-starts" : "--parallel") + " or use --search exhaustive.");
        }
        allowedExceptions = List.copyOf(allowedExceptions);
        // The chosen strategy stands for its kind among those compared, so the reports show its winner.
        strategies = strategies.stream().map(s -> s.id().equals(strategy.id()) ? strategy : s).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Invocations per power value (with --num auto, the first round's): one in a dry run. */
    public int invocationsPerPower() {
        return dryRun ? 1 : numAuto ? Math.min(AUTO_INITIAL_CALLS, num) : num;
    }

    /** Calls a size may get at most: --num, which with --num auto is the cap while a size is a contender. */
    public int maxInvocationsPerPower() {
        return dryRun ? 1 : num;
    }

    /** Power Tuning forces the trim to zero with only cold starts: every sample is the thing measured. */
    public double effectiveDiscard() {
        return onlyColdStarts ? 0 : discardTopBottom;
    }

    /**
     * Whether a function error of {@code errorType} still counts as a measurement: the type as given, or a Java
     * class's simple name (InvalidEventException allows dev.coldbrew.runtime.InvalidEventException, since the
     * Java runtime reports the fully qualified name).
     */
    public boolean allows(String errorType) {
        return errorType != null && allowedExceptions.stream()
                .anyMatch(allowed -> errorType.equals(allowed) || errorType.endsWith("." + allowed));
    }

    /** Each setting by name, starting from the defaults; {@link #build()} validates them. */
    public static final class Builder {
        private List<Integer> powers = PowerValues.parse(DEFAULT_POWERS);
        private int num = DEFAULT_NUM;
        private boolean parallel;
        private boolean onlyColdStarts;
        private long sleepBetweenRunsMs;
        private double discardTopBottom = DEFAULT_DISCARD_TOP_BOTTOM;
        private boolean dryRun;
        private Strategy strategy = new Strategy.Options().chosen();
        private List<Strategy> strategies = Strategy.all(new Strategy.Options());
        private List<String> allowedExceptions = List.of();
        private String preInvoke;
        private String postInvoke;
        private boolean disablePayloadLogs;
        private boolean numAuto;
        private boolean adaptive;
        private int stepMb = DEFAULT_STEP_MB;

        private Builder() {
        }

        public Builder powers(List<Integer> mb) { powers = mb; return this; }
        public Builder num(int invocations) { num = invocations; return this; }
        public Builder parallel(boolean all) { parallel = all; return this; }
        public Builder onlyColdStarts(boolean cold) { onlyColdStarts = cold; return this; }
        public Builder sleepBetweenRunsMs(long ms) { sleepBetweenRunsMs = ms; return this; }
        public Builder discardTopBottom(double fraction) { discardTopBottom = fraction; return this; }
        public Builder dryRun(boolean dry) { dryRun = dry; return this; }
        public Builder strategy(Strategy chosen) { strategy = chosen; return this; }
        public Builder strategies(List<Strategy> compared) { strategies = compared; return this; }
        public Builder allowedExceptions(List<String> errorTypes) { allowedExceptions = errorTypes; return this; }
        public Builder preInvoke(String function) { preInvoke = function; return this; }
        public Builder postInvoke(String function) { postInvoke = function; return this; }
        public Builder disablePayloadLogs(boolean disable) { disablePayloadLogs = disable; return this; }
        /** --num auto: {@link #num} is then the most calls a size gets. */
        public Builder numAuto(boolean auto) { numAuto = auto; return this; }
        public Builder adaptive(boolean search) { adaptive = search; return this; }
        public Builder stepMb(int mb) { stepMb = mb; return this; }

        public TuningPlan build() {
            return new TuningPlan(powers, num, parallel, onlyColdStarts, sleepBetweenRunsMs, discardTopBottom, dryRun,
                    strategy, strategies, allowedExceptions, preInvoke, postInvoke, disablePayloadLogs, numAuto, adaptive, stepMb);
        }
    }
}
