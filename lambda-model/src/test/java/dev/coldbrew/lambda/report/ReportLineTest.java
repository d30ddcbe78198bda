package dev.coldbrew.lambda.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReportLineTest {
    @Test
    void warmReportHasLambdasFieldsAndTabs() {
        ReportLine line = ReportLine.measured("id-1", 12.344, 1024, 180, 0);
        assertEquals("REPORT RequestId: id-1\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 1024 MB\tMax Memory Used: 180 MB\t",
                line.text());
    }

    @Test
    void coldReportAddsInitDurationAndBillsIt() {
        ReportLine line = ReportLine.measured("id-2", 100.5, 512, 90, 812.55);
        assertEquals("REPORT RequestId: id-2\tDuration: 100.50 ms\tBilled Duration: 914 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB\t"
                + "Init Duration: 812.55 ms\t", line.text());
    }

    @Test
    void failuresAndUnthrottledRunsAreMarked() {
        ReportLine line = ReportLine.measured("id-3", 3000, 128, 60, 0).failed("timeout", null).markedUnthrottled(true);
        assertEquals("REPORT RequestId: id-3\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t"
                + "Status: timeout\tLocal: unthrottled\t", line.text());
    }

    static Stream<ReportLine> reports() {
        return Stream.of(
                ReportLine.measured("cold", 100.5, 512, 90, 812.55),
                ReportLine.measured("warm", 3.1, 128, 60, 0),
                ReportLine.measured("error", 40.25, 1024, 120, 0).failed("error", "Runtime.ExitError"),
                ReportLine.measured("timeout", 3000, 256, 70, 0).failed("timeout", null).markedUnthrottled(true),
                ReportLine.measured("restored", 20, 512, 100, 0).restored(300.5, 150));
    }

    @ParameterizedTest
    @MethodSource("reports")
    void whatIsWrittenParsesBackInBothFormats(ReportLine written) {
        String tail = ReportLine.start(written.requestId(), "$LATEST") + "\nfunction output\n" + ReportLine.end(written.requestId()) + "\n";
        assertEquals(written, ReportLine.find(tail + written.text() + "\n").orElseThrow(), "text");
        assertEquals(written, ReportLine.find(tail + written.json(Instant.EPOCH) + "\n").orElseThrow(), "JSON");
    }

    @Test
    void lambdasOwnTextReportParses() {
        ReportLine r = ReportLine.find("REPORT RequestId: 2\tDuration: 3.10 ms\tBilled Duration: 4 ms\t"
                + "Memory Size: 128 MB\tMax Memory Used: 90 MB\tXRAY TraceId: 1-abc\tSegmentId: x\tSampled: true").orElseThrow();
        assertFalse(r.cold());
        assertEquals(0, r.initDurationMs());
        assertEquals(4, r.billedMs());
        assertEquals(90, r.maxMemoryUsedMb());
    }

    @Test
    void snapStartAddsRestoreToSpeedAndItsBillablePartIsInBilledDuration() {
        // Lambda's own REPORT of a SnapStart cold start: Billed Duration = Duration + Billed Restore Duration.
        ReportLine r = ReportLine.find("REPORT RequestId: 3\tDuration: 149.53 ms\tBilled Duration: 313 ms\t"
                + "Memory Size: 3538 MB\tMax Memory Used: 100 MB\tRestore Duration: 789.64 ms\tBilled Restore Duration: 163 ms\t")
                .orElseThrow();
        assertTrue(r.cold());
        assertEquals(939.17, r.totalDurationMs(), 1e-9);
        assertEquals(313, r.billedMs());
        assertEquals(313, ReportLine.measured("x", 149.53, 3538, 100, 0).restored(789.64, 163).billedDurationMs(),
                "what the emulator writes follows the same rule");
    }

    @Test
    void lambdasOwnJsonReportParsesWithMissingKeysAsZero() {
        String warm = "{\"time\":\"2026-01-01T00:00:00Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":\"r\","
                + "\"metrics\":{\"durationMs\":7.5,\"billedDurationMs\":8,\"memorySizeMB\":256,\"maxMemoryUsedMB\":77},"
                + "\"status\":\"success\"}}";
        ReportLine r = ReportLine.find("{\"type\":\"platform.start\",\"record\":{}}\n" + warm).orElseThrow();
        assertEquals(7.5, r.durationMs());
        assertEquals(8, r.billedDurationMs());
        assertEquals(256, r.memorySizeMb());
        assertEquals(77, r.maxMemoryUsedMb());
        assertEquals(0, r.initDurationMs());
        assertEquals(null, r.status());
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
