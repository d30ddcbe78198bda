package dev.coldbrew.tuner.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class CpuShareModelTest {

    private static final List<Integer> SCAN = List.of(128, 256, 512, 1024, 1792, 2048, 4096, 8192, 10240);

    private static Map<Integer, Double> measured(IntToDoubleFunction durationMs) {
        Map<Integer, Double> durations = new TreeMap<>();
        SCAN.forEach(mb -> durations.put(mb, durationMs.applyAsDouble(mb)));
        return durations;
    }

    @Test
    void recoversTheFixedPartTheWorkAndHowManyThreadsDoIt() {
        CpuShareModel single = CpuShareModel.fit(measured(m -> 50 + 8845.0 / Math.min(m, 1769)));
        assertEquals(1769, single.capMb());
        assertEquals(50, single.fixedMs(), 1e-6);
        assertEquals(8845, single.workMsMb(), 1e-3);

        assertEquals(2 * 1769, CpuShareModel.fit(measured(m -> 5 + 1e6 / Math.min(m, 2 * 1769))).capMb());
        CpuShareModel parallel = CpuShareModel.fit(measured(m -> 5 + 3.538e6 / m));
        assertEquals(10240, parallel.capMb());
        assertEquals(350.5, parallel.durationMs(10240), 0.1);
    }

    @Test
    void aFlatCurveIsAllFixed() {
        CpuShareModel flat = CpuShareModel.fit(measured(m -> 2));
        assertEquals(2, flat.fixedMs(), 1e-9);
        assertEquals(0, flat.workMsMb(), 1e-9);
    }

    @Test
    void theRobustFitSetsAStepAsideInsteadOfBendingToIt() {
        // 800 ms below 1 GB (GC pressure), a flat 100 ms from there: the fit follows the flat majority (and,
        // with two parameters, 128 MB too), leaving both sides of the step as misfits for the search to bisect.
        Map<Integer, Double> step = measured(m -> m < 1024 ? 800 : 100);
        CpuShareModel.FitTest within3Percent =
                (candidate, mb) -> Math.abs(step.get(mb) - candidate.durationMs(mb)) <= 0.03 * candidate.durationMs(mb);
        CpuShareModel model = CpuShareModel.robustFit(step, within3Percent);
        for (int mb : List.of(1792, 2048, 4096, 8192, 10240)) {
            assertEquals(100, model.durationMs(mb), 3, mb + " MB");
        }
        for (int mb : List.of(512, 1024)) {
            assertFalse(within3Percent.test(model, mb), mb + " MB");
        }
        // A plain fit bends to the step and misses the flat part by 6 %.
        assertFalse(within3Percent.test(CpuShareModel.fit(step), 4096));
    }
}
