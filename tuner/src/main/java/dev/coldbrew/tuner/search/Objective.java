package dev.coldbrew.tuner.search;

/**
 * What a search minimises: Power Tuning's three strategies, independent of the tuner's own {@code Strategy} so
 * that this package stays pure logic (the integrator maps one to the other).
 */
public sealed interface Objective {

    /**
     * The objective's value for one size, lower is better. {@code maxDurationMs} and {@code maxCost} are the
     * largest point estimates among the sizes compared, which only {@link Balanced} uses (as Power Tuning does).
     * It never decreases when the duration or the cost grows, so evaluating it at both ends of the two intervals
     * bounds it.
     */
    double score(double durationMs, double cost, double maxDurationMs, double maxCost);

    /** What decides among sizes this objective cannot tell apart ({@link Verdict}): the other figure. */
    Objective tieBreak();

    /** The tie-break's choice in words, as the verdict names it: "the cheapest", "the fastest". */
    default String tieBreakName() {
        return tieBreak() instanceof Speed ? "the fastest" : "the cheapest";
    }

    /** Lowest cost per invocation. */
    record Cost() implements Objective {
        @Override
        public double score(double durationMs, double cost, double maxDurationMs, double maxCost) {
            return cost;
        }

        @Override
        public Objective tieBreak() {
            return new Speed();
        }
    }

    /** Lowest duration. */
    record Speed() implements Objective {
        @Override
        public double score(double durationMs, double cost, double maxDurationMs, double maxCost) {
            return durationMs;
        }

        @Override
        public Objective tieBreak() {
            return new Cost();
        }
    }

    /** Least {@code weight·cost/maxCost + (1−weight)·duration/maxDuration}: weight 0 is speed only, 1 cost only. */
    record Balanced(double weight) implements Objective {
        public Balanced {
            if (!(weight >= 0 && weight <= 1)) {
                throw new IllegalArgumentException("weight must be between 0 and 1 (got " + weight + ")");
            }
        }

        @Override
        public double score(double durationMs, double cost, double maxDurationMs, double maxCost) {
            return weight * cost / positive(maxCost) + (1 - weight) * durationMs / positive(maxDurationMs);
        }

        /** Equal scores: the cheaper size, the one that costs less for the same compromise. */
        @Override
        public Objective tieBreak() {
            return new Cost();
        }

        private static double positive(double max) {
            return max > 0 ? max : 1;
        }
    }
}
