package dev.coldbrew.tuner.search;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lambda's duration curve: {@code duration(m) = fixedMs + workMsMb / min(m, capMb)}. Lambda gives a function CPU
 * in proportion to its memory (1769 MB is one vCPU, 10240 MB almost six), so work that keeps k threads busy
 * speeds up until k vCPUs ({@code capMb = k·1769}) and not after; {@code fixedMs} is what memory does not
 * speed up (waiting on the network, a fixed sleep). Fitting every cap from one thread to all six vCPUs covers
 * single- and multi-threaded functions alike.
 */
record CpuShareModel(double fixedMs, double workMsMb, int capMb) {

    static final int MB_PER_VCPU = 1769;
    private static final int[] CAPS_MB = {MB_PER_VCPU, 2 * MB_PER_VCPU, 3 * MB_PER_VCPU, 4 * MB_PER_VCPU,
            5 * MB_PER_VCPU, 10240};

    double durationMs(int memoryMb) {
        return fixedMs + workMsMb / Math.min(memoryMb, capMb);
    }

    /** The prediction's relative error at a measured point. */
    double relativeError(int memoryMb, double measuredMs) {
        double predicted = durationMs(memoryMb);
        return Math.abs(measuredMs - predicted) / Math.max(predicted, Double.MIN_NORMAL);
    }

    /**
     * The best fit to measured durations (memory size → ms) over every cap, by least squares on relative errors
     * (latency noise is multiplicative), with both parameters kept non-negative; equally good caps go to the
     * smaller (single-threaded is the common case, and the caps only differ where nothing was measured).
     */
    static CpuShareModel fit(Map<Integer, Double> durations) {
        CpuShareModel best = null;
        double bestError = Double.POSITIVE_INFINITY;
        for (int cap : CAPS_MB) {
            CpuShareModel model = fitWithCap(durations, cap);
            double error = 0;
            for (Map.Entry<Integer, Double> e : durations.entrySet()) {
                error += Math.pow(model.relativeError(e.getKey(), e.getValue()), 2);
            }
            if (error < bestError * (1 - 1e-9)) {
                best = model;
                bestError = error;
            }
        }
        return best;
    }

    /**
     * {@link #fit} after setting aside, one at a time, the points it explains worst while they lie outside
     * {@code fits} and more than half of the points remain: a step in the curve (GC pressure below some size)
     * then shows as badly fitted points instead of bending the model away from all of them.
     */
    static CpuShareModel robustFit(Map<Integer, Double> durations, FitTest fits) {
        Map<Integer, Double> kept = new TreeMap<>(durations);
        CpuShareModel model = fit(kept);
        while (kept.size() > Math.max(3, durations.size() / 2 + 1)) {
            CpuShareModel current = model;
            Optional<Integer> worst = kept.entrySet().stream()
                    .filter(e -> !fits.test(current, e.getKey()))
                    .max(Comparator.comparingDouble(e -> current.relativeError(e.getKey(), e.getValue())))
                    .map(Map.Entry::getKey);
            if (worst.isEmpty()) {
                break;
            }
            kept.remove(worst.get());
            model = fit(kept);
        }
        return model;
    }

    /** Whether a model explains the measurement at a size. */
    @FunctionalInterface
    interface FitTest {
        boolean test(CpuShareModel model, int memoryMb);
    }

    /** Weighted least squares of {@code y = a + b·x}, {@code x = 1/min(m, cap)}, weights {@code 1/y²}. */
    private static CpuShareModel fitWithCap(Map<Integer, Double> durations, int cap) {
        double s = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Map.Entry<Integer, Double> e : durations.entrySet()) {
            double x = 1.0 / Math.min(e.getKey(), cap);
            double y = e.getValue();
            double w = y > 0 ? 1 / (y * y) : 1;
            s += w;
            sx += w * x;
            sy += w * y;
            sxx += w * x * x;
            sxy += w * x * y;
        }
        double determinant = s * sxx - sx * sx;
        double work = determinant > 1e-12 * s * sxx ? (s * sxy - sx * sy) / determinant : 0;
        double fixed = work > 0 ? (sy - work * sx) / s : sy / s;
        work = Math.max(work, 0);
        if (fixed < 0) {
            fixed = 0;
            work = sxy / sxx;
        }
        return new CpuShareModel(fixed, work, cap);
    }
}
