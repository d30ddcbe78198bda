package dev.coldbrew.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The nearest-rank percentile the benchmarks report (the median is the 50th). */
final class Percentiles {
    private Percentiles() {
    }

    static double of(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1)));
    }
}
