package dev.coldbrew.tuner.search;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A confidence interval for the trimmed mean of a sample, the figure Power Tuning reports as a memory size's
 * duration. {@code n} is the number of values it was computed from.
 *
 * <p>Why a bootstrap: the trimmed mean's sampling distribution has no simple closed form for latency data,
 * which is skewed and has outliers (a GC pause, a slow network call); the percentile bootstrap, resampling the
 * sample and reading the interval off the percentiles of the resampled trimmed means, is the standard choice
 * and assumes no shape. Its small-sample caveat: with few values it runs narrow. For the trimmed mean that
 * stays mild (simulated 95 % intervals cover the true trimmed mean about 94 % of the time at n = 10 and 91 % at
 * n = 5, normal or log-normal data), but below {@value #MIN_BOOTSTRAP_SIZE} values there are too few distinct
 * resamples for percentiles to mean anything, so the interval is the sample's min..max range instead (a point
 * for a single value: one call says nothing about spread, ask for more).
 *
 * <p>Reproducible: the resampling stream is seeded from 42 and the sorted sample, so the same values always
 * give the same interval, while different samples (different memory sizes) get independent streams.
 */
public record TrimmedMeanInterval(double estimate, double low, double high, int n) {

    /** Power Tuning's trim: {@code floor(n·0.2)} values dropped from each end. */
    public static final double POWER_TUNING_TRIM = 0.2;
    /** Resamples: the Monte Carlo error of a 95 % interval's ends is then about 3 % of its half-width. */
    public static final int RESAMPLES = 2000;
    /** Below this many values the interval is the sample's range rather than a bootstrap. */
    public static final int MIN_BOOTSTRAP_SIZE = 5;
    private static final long SEED = 42;

    public TrimmedMeanInterval {
        if (Double.isNaN(estimate) || Double.isNaN(low) || Double.isNaN(high) || low > high) {
            throw new IllegalArgumentException("Not an interval: " + low + ".." + high + " around " + estimate);
        }
        if (n < 1) {
            throw new IllegalArgumentException("An interval needs at least one value (n = " + n + ")");
        }
    }

    /**
     * Percentile bootstrap of the trimmed mean, {@value #RESAMPLES} resamples, fixed seed.
     *
     * @param trim fraction dropped from each end, {@code floor(n·trim)} values ({@link #POWER_TUNING_TRIM})
     * @param confidence two-sided level, such as 0.95
     */
    public static TrimmedMeanInterval of(double[] sample, double trim, double confidence) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("An interval needs at least one value");
        }
        if (!(trim >= 0 && trim < 0.5)) {
            throw new IllegalArgumentException("trim must be in [0, 0.5) (got " + trim + ")");
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1) (got " + confidence + ")");
        }
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        int drop = (int) Math.floor(n * trim);
        int keptFrom = n - 2 * drop > 0 ? drop : 0;
        int keptTo = n - keptFrom;
        double estimate = 0;
        for (int i = keptFrom; i < keptTo; i++) {
            estimate += sorted[i];
        }
        estimate /= keptTo - keptFrom;
        if (n < MIN_BOOTSTRAP_SIZE || sorted[0] == sorted[n - 1]) {
            return new TrimmedMeanInterval(estimate, sorted[0], sorted[n - 1], n);
        }
        double[] means = resampledTrimmedMeans(sorted, keptFrom, keptTo);
        double tail = (1 - confidence) / 2;
        double low = Math.min(estimate, quantile(means, tail));
        double high = Math.max(estimate, quantile(means, 1 - tail));
        return new TrimmedMeanInterval(estimate, low, high, n);
    }

    public double halfWidth() {
        return (high - low) / 2;
    }

    /** Half-width as a fraction of the estimate: 0.05 is ±5 %. Zero for a point, infinite around a zero estimate. */
    public double relativeHalfWidth() {
        double half = halfWidth();
        return half == 0 ? 0 : estimate == 0 ? Double.POSITIVE_INFINITY : half / Math.abs(estimate);
    }

    /** Whether the two intervals share a value (touching ends count). */
    public boolean overlaps(TrimmedMeanInterval other) {
        return low <= other.high && other.low <= high;
    }

    /**
     * This interval mapped through {@code x·factor + offset}, such as billed milliseconds to dollars; a negative
     * factor swaps the ends so that low stays below high.
     */
    public TrimmedMeanInterval scaled(double factor, double offset) {
        double a = low * factor + offset;
        double b = high * factor + offset;
        return new TrimmedMeanInterval(estimate * factor + offset, Math.min(a, b), Math.max(a, b), n);
    }

    /**
     * The trimmed means of {@link #RESAMPLES} resamples, sorted. A resample is drawn as counts per position of the
     * sorted sample, so walking the counts yields it already sorted: no sort per resample.
     */
    private static double[] resampledTrimmedMeans(double[] sorted, int keptFrom, int keptTo) {
        int n = sorted.length;
        SplittableRandom random = new SplittableRandom(SEED ^ Arrays.hashCode(sorted));
        int[] counts = new int[n];
        double[] means = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[random.nextInt(n)]++;
            }
            double sum = 0;
            int position = 0;
            for (int i = 0; i < n && position < keptTo; i++) {
                int from = Math.max(position, keptFrom);
                int to = Math.min(position + counts[i], keptTo);
                if (to > from) {
                    sum += sorted[i] * (to - from);
                }
                position += counts[i];
            }
            means[b] = sum / (keptTo - keptFrom);
        }
        Arrays.sort(means);
        return means;
    }

    /** Linear interpolation between order statistics of a sorted array. */
    private static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
