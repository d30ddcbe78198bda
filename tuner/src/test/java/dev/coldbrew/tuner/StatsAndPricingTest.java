package dev.coldbrew.tuner;

import dev.coldbrew.lambda.report.ReportLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsAndPricingTest {

    @Test
    void trimmedMeanDropsFloorOfFractionFromEachEnd() {
        List<Double> values = List.of(1000.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 1.0);
        // n = 10, 0.2 → drop 2 from each end: 1, 10 and 17, 1000 go; mean of 11..16.
        assertEquals(13.5, Stats.trimmedMean(values, 0.2), 1e-9);
        assertEquals(Stats.mean(values), Stats.trimmedMean(values, 0.0), 1e-9);
        // 0.4 of 10 → drop 4 each end → 13, 14 remain.
        assertEquals(13.5, Stats.trimmedMean(values, 0.4), 1e-9);
        // 0.2 of 4 → floor(0.8) = 0 dropped.
        assertEquals(2.5, Stats.trimmedMean(List.of(1.0, 2.0, 3.0, 4.0), 0.2), 1e-9);
    }

    @Test
    void nearestRankPercentiles() {
        List<Double> values = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            values.add((double) i);
        }
        assertEquals(50, Stats.percentile(values, 50));
        assertEquals(90, Stats.percentile(values, 90));
        assertEquals(99, Stats.percentile(values, 99));
        assertEquals(7, Stats.percentile(List.of(7.0), 99));
        assertEquals(0, Stats.percentile(List.of(), 50));
    }

    @Test
    void costIsBilledSecondsTimesGigabytesTimesPricePlusRequestFee() {
        Pricing x86 = Pricing.of(Pricing.Architecture.X86_64, "us-east-1");
        // 1000 ms at 1024 MB = 1 GB-s.
        assertEquals(0.0000166667 + 0.0000002, x86.costPerInvocation(1000, 1024), 1e-15);
        // 100 ms at 128 MB = 1/80 GB-s.
        assertEquals(0.0000166667 / 80 + 0.0000002, x86.costPerInvocation(100, 128), 1e-15);
        Pricing arm = Pricing.of(Pricing.Architecture.ARM64, null);
        assertEquals("us-east-1", arm.region());
        assertEquals(0.0000133334 + 0.0000002, arm.costPerInvocation(1000, 1024), 1e-15);
    }

    @Test
    void regionalPricesAndFallbackToTheDefault() {
        assertEquals(0.0000232, Pricing.of(Pricing.Architecture.X86_64, "ap-east-1").pricePerGbSecond(), 1e-15);
        assertEquals(0.0000232 * 0.8, Pricing.of(Pricing.Architecture.ARM64, "AP-EAST-1").pricePerGbSecond(), 1e-15);
        assertEquals(0.0000166667, Pricing.of(Pricing.Architecture.X86_64, "eu-west-1").pricePerGbSecond(), 1e-15);
    }

    @Test
    void powerResultSplitsColdFromWarmAndPricesTheTrimmedBilledDuration() {
        Pricing pricing = Pricing.of(Pricing.Architecture.X86_64, "us-east-1");
        List<Invocation> calls = new ArrayList<>();
        calls.add(new Invocation(512, new ReportLine(null, 50, 50, 512, 100, 500, 0, 0, null, null, false), null, null));
        for (int i = 0; i < 8; i++) {
            calls.add(new Invocation(512, new ReportLine(null, 10 + i, 10 + i, 512, 90 + i, 0, 0, 0, null, null, false), null, null));
        }
        calls.add(new Invocation(512, new ReportLine(null, 5, 5, 512, 80, 0, 0, 0, null, null, false), null, null));
        PowerResult r = PowerResult.of(512, calls, pricing, 0.2, null);
        assertEquals(1, r.coldCount());
        assertEquals(9, r.warmCount());
        assertEquals(500, r.initDuration());
        assertEquals(550, r.coldTotalMean());
        // Totals sorted: 5,10..17,550 → drop 2 each end → 11..16, mean 13.5.
        assertEquals(13.5, r.duration(), 1e-9);
        assertEquals(14, r.billedDuration()); // ceil(13.5)
        assertEquals(pricing.costPerInvocation(14, 512), r.cost(), 1e-18);
        assertEquals(100, r.maxMemoryUsed());
        assertEquals(550, r.p99());
    }

    /** A REPORT record as Lambda writes it in the text log format. */
    private static Invocation call(String reportFields) {
        return new Invocation(1024, ReportLine.find("REPORT RequestId: r\t" + reportFields).orElseThrow(), null, null);
    }

    // Since August 2025 Billed Duration already holds an on-demand init: ceil(480.3 + 120.4) = 601.
    private static final String ON_DEMAND_COLD = "Duration: 120.40 ms\tBilled Duration: 601 ms\tMemory Size: 1024 MB\t"
            + "Max Memory Used: 90 MB\tInit Duration: 480.30 ms\t";
    // SnapStart's Billed Restore Duration (runtime load and after-restore hooks) is inside Billed Duration, as in
    // Lambda's own REPORT lines: ceil(150.2 + 120) = 271.
    private static final String SNAPSTART_RESTORE = "Duration: 150.20 ms\tBilled Duration: 271 ms\tMemory Size: 1024 MB\t"
            + "Max Memory Used: 95 MB\tRestore Duration: 310.50 ms\tBilled Restore Duration: 120 ms\t";
    private static final String WARM = "Duration: 10.20 ms\tBilled Duration: 11 ms\tMemory Size: 1024 MB\t"
            + "Max Memory Used: 96 MB\t";

    @Test
    void aColdStartCostsWhatItsReportBillsWithInitOrRestoreCountedOnce() {
        Pricing pricing = Pricing.of(Pricing.Architecture.X86_64, "us-east-1");
        PowerResult onDemand = PowerResult.of(1024, List.of(call(ON_DEMAND_COLD)), pricing, 0, null);
        assertEquals(601, onDemand.billedDuration());
        assertEquals(pricing.costPerInvocation(601, 1024), onDemand.cost(), 1e-18);
        assertEquals(600.7, onDemand.duration(), 1e-9); // the caller still waited for init + invoke

        PowerResult snapStart = PowerResult.of(1024, List.of(call(SNAPSTART_RESTORE)), pricing, 0, null);
        assertEquals(271, snapStart.billedDuration(), "the restore's billed part counted once");
        assertEquals(pricing.costPerInvocation(271, 1024), snapStart.cost(), 1e-18);
        assertEquals(460.7, snapStart.duration(), 1e-9);

        PowerResult warm = PowerResult.of(1024, List.of(call(WARM)), pricing, 0, null);
        assertEquals(11, warm.billedDuration());
        assertEquals(pricing.costPerInvocation(11, 1024), warm.cost(), 1e-18);
    }

    @Test
    void totalCostAddsEachCallsOwnBilledFigures() {
        Pricing pricing = Pricing.of(Pricing.Architecture.X86_64, "us-east-1");
        PowerResult r = PowerResult.of(1024, List.of(call(ON_DEMAND_COLD), call(SNAPSTART_RESTORE), call(WARM)),
                pricing, 0, null);
        double expected = pricing.costPerInvocation(601, 1024) + pricing.costPerInvocation(271, 1024)
                + pricing.costPerInvocation(11, 1024);
        assertEquals(expected, r.totalCost(), 1e-18);
        assertEquals(Math.ceil((601 + 271 + 11) / 3.0), r.billedDuration());
    }

    private static Invocation onDemandCold(double initMs, double durationMs) {
        return new Invocation(512, ReportLine.measured("c", durationMs, 512, 100, initMs), null, null);
    }

    private static Invocation snapStartRestore(double restoreMs, double durationMs) {
        return new Invocation(512, new ReportLine("s", durationMs, (long) Math.ceil(durationMs), 512, 100, 0, restoreMs,
                (long) Math.ceil(restoreMs / 2), null, null, false), null, null);
    }

    private static Invocation warm(double durationMs) {
        return new Invocation(512, ReportLine.measured("w", durationMs, 512, 100, 0), null, null);
    }

    @Test
    void coldStartsSplitIntoInitAndFirstInvokeApartFromTheWarmCalls() {
        Pricing pricing = Pricing.of(Pricing.Architecture.X86_64, "us-east-1");
        List<Invocation> calls = new ArrayList<>(List.of(onDemandCold(400, 100), onDemandCold(500, 60),
                onDemandCold(600, 90), onDemandCold(700, 80)));
        for (int i = 0; i < 6; i++) {
            calls.add(warm(10 + i));
        }
        PowerResult r = PowerResult.of(512, calls, pricing, 0.2, null);
        assertEquals(4, r.coldCount());
        assertEquals(ColdStartKind.ON_DEMAND, r.coldStartKind());
        assertEquals(500, r.initOrRestoreP50()); // nearest rank of 400, 500, 600, 700
        assertEquals(700, r.initOrRestoreP90());
        assertEquals(80, r.firstInvokeP50()); // of 60, 80, 90, 100
        // Per call: 500, 560, 690, 780. The cold start the caller saw, not the sum of the two medians (580).
        assertEquals(560, r.coldStartP50());
        assertEquals(6, r.warmCount());
        assertEquals(12.5, r.warmMean(), 1e-9); // 10..15, trimmed by one each end
        assertEquals(12, r.warmP50());

        Map<?, ?> cold = (Map<?, ?>) r.toMap().get("cold");
        assertEquals("on-demand", cold.get("kind"));
        assertEquals(500.0, cold.get("initOrRestoreP50"));
        assertEquals(700.0, cold.get("initOrRestoreP90"));
        assertEquals(80.0, cold.get("firstInvokeP50"));
        assertEquals(560.0, cold.get("coldStartP50"));
    }

    @Test
    void snapStartRestoresAreTheirOwnKindAndAMixNamesItself() {
        Pricing pricing = Pricing.of(Pricing.Architecture.X86_64, "us-east-1");
        PowerResult restored = PowerResult.of(512, List.of(snapStartRestore(300, 40), snapStartRestore(350, 30), warm(5)),
                pricing, 0, null);
        assertEquals(ColdStartKind.SNAPSTART, restored.coldStartKind());
        assertEquals(2, restored.coldCount());
        assertEquals(300, restored.initOrRestoreP50());
        assertEquals(350, restored.initOrRestoreP90());
        assertEquals(30, restored.firstInvokeP50());
        assertEquals(340, restored.coldStartP50());

        PowerResult mixed = PowerResult.of(512, List.of(snapStartRestore(300, 40), onDemandCold(900, 100)), pricing, 0, null);
        assertEquals(ColdStartKind.MIXED, mixed.coldStartKind());
        PowerResult warmOnly = PowerResult.of(512, List.of(warm(5)), pricing, 0, null);
        assertEquals(ColdStartKind.NONE, warmOnly.coldStartKind());
        assertEquals(0, warmOnly.coldStartP50());
    }

    @Test
    void aFunctionsColdStartKindIsMixedWhenItsMemorySizesDiffer() {
        Pricing pricing = Pricing.of(Pricing.Architecture.X86_64, "us-east-1");
        PowerResult onDemand = PowerResult.of(512, List.of(onDemandCold(400, 100)), pricing, 0, null);
        PowerResult snapStart = PowerResult.of(1024, List.of(snapStartRestore(300, 40)), pricing, 0, null);
        PowerResult failed = PowerResult.of(2048, List.of(new Invocation(2048, null, "Sandbox.Timedout", "")), pricing, 0, "timed out");
        FunctionTarget fn = new FunctionTarget("Fn", "Fn", "Fn", List.of());
        assertEquals(ColdStartKind.ON_DEMAND,
                new FunctionReport(fn, pricing, 512, List.of(onDemand, failed), null, List.of()).coldStartKind());
        assertEquals(ColdStartKind.MIXED,
                new FunctionReport(fn, pricing, 512, List.of(onDemand, snapStart), null, List.of()).coldStartKind());
        assertEquals("SnapStart (Restore Duration)",
                new FunctionReport(fn, pricing, 512, List.of(snapStart), null, List.of()).coldStartKind().describe());
    }

    @Test
    void aPowerValueWithOnlyErrorsIsFailed() {
        Pricing pricing = Pricing.of(Pricing.Architecture.X86_64, "us-east-1");
        PowerResult r = PowerResult.of(128, List.of(new Invocation(128, null, "Sandbox.Timedout", "Task timed out")),
                pricing, 0.2, "Sandbox.Timedout: Task timed out");
        assertEquals(true, r.failed());
        assertEquals(1, r.errors());
    }
}
