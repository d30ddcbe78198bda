package dev.coldbrew.tuner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The few statistics the tuner needs, on plain lists of milliseconds. */
final class Stats {
    private Stats() {
    }

    /**
     * Mean after sorting and dropping {@code floor(n × discardTopBottom)} values from each end, as Power
     * Tuning does; with fewer values than that leaves, the plain mean.
     */
    static double trimmedMean(List<Double> values, double discardTopBottom) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = sorted(values);
        int drop = (int) Math.floor(sorted.size() * discardTopBottom);
        List<Double> kept = sorted.size() - 2 * drop > 0 ? sorted.subList(drop, sorted.size() - drop) : sorted;
        return mean(kept);
    }

    static double mean(List<Double> values) {
        return values.isEmpty() ? 0 : values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
    }

    /** Nearest-rank percentile (p in 0..100); zero for no values. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Double> sorted = sorted(values);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.min(sorted.size(), Math.max(1, rank)) - 1);
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    }

    private static List<Double> sorted(List<Double> values) {
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }
}
