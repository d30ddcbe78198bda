package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReportLineTest {

    @Test
    void parsesAColdTextReportWithInitDuration() {
        String log = "START RequestId: 1 Version: 3\nhello\nEND RequestId: 1\n"
                + "REPORT RequestId: 1\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 1024 MB\t"
                + "Max Memory Used: 180 MB\tInit Duration: 812.55 ms\t\n";
        ReportLine r = ReportLine.find(log).orElseThrow();
        assertEquals(12.34, r.durationMs());
        assertEquals(13, r.billedDurationMs());
        assertEquals(1024, r.memorySizeMb());
        assertEquals(180, r.maxMemoryUsedMb());
        assertEquals(812.55, r.initDurationMs());
        assertEquals(0, r.restoreDurationMs());
        assertTrue(r.coldStart());
        assertEquals(824.89, r.totalDurationMs(), 1e-9);
    }

    @Test
    void warmTextReportHasZeroInit() {
        ReportLine r = ReportLine.find("REPORT RequestId: 2\tDuration: 3.10 ms\tBilled Duration: 4 ms\t"
                + "Memory Size: 128 MB\tMax Memory Used: 90 MB\tXRAY TraceId: 1-abc\tSegmentId: x\tSampled: true").orElseThrow();
        assertFalse(r.coldStart());
        assertEquals(0, r.initDurationMs());
        assertEquals(4, r.billedMs());
        assertEquals(90, r.maxMemoryUsedMb());
    }

    @Test
    void snapStartTextReportAddsRestoreToSpeedAndBilledRestoreToCost() {
        ReportLine r = ReportLine.find("REPORT RequestId: 3\tDuration: 20.00 ms\tBilled Duration: 20 ms\t"
                + "Memory Size: 512 MB\tMax Memory Used: 100 MB\tRestore Duration: 300.50 ms\tBilled Restore Duration: 150 ms\t")
                .orElseThrow();
        assertTrue(r.coldStart());
        assertEquals(320.5, r.totalDurationMs(), 1e-9);
        assertEquals(170, r.billedMs());
    }

    @Test
    void parsesJsonPlatformReportAndMissingOptionalKeysAreZero() {
        String warm = "{\"time\":\"2026-01-01T00:00:00Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"r\","
                + "\"metrics\":{\"durationMs\":7.5,\"billedDurationMs\":8,\"memorySizeMB\":256,\"maxMemoryUsedMB\":77},"
                + "\"status\":\"success\"}}";
        ReportLine r = ReportLine.find("{\"type\":\"platform.start\",\"record\":{}}\n" + warm).orElseThrow();
        assertEquals(7.5, r.durationMs());
        assertEquals(8, r.billedDurationMs());
        assertEquals(256, r.memorySizeMb());
        assertEquals(77, r.maxMemoryUsedMb());
        assertEquals(0, r.initDurationMs());
        assertEquals(0, r.restoreDurationMs());

        String cold = warm.replace("\"maxMemoryUsedMB\":77", "\"maxMemoryUsedMB\":77,\"initDurationMs\":400.25");
        assertEquals(400.25, ReportLine.find(cold).orElseThrow().initDurationMs());
    }

    @Test
    void noReportAndGarbageGiveEmpty() {
        assertTrue(ReportLine.find("START RequestId: 1\nEND RequestId: 1").isEmpty());
        assertTrue(ReportLine.find("{\"type\":\"platform.report\", broken").isEmpty());
        assertTrue(ReportLine.find(null).isEmpty());
    }

    @Test
    void usesTheLastReportInTheTail() {
        String log = "REPORT RequestId: a\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\tMax Memory Used: 1 MB\n"
                + "REPORT RequestId: b\tDuration: 2.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 2 MB\n";
        assertEquals(2.0, ReportLine.find(log).orElseThrow().durationMs());
    }
}
