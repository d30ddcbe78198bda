package dev.coldbrew.locallambda.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ReportLineTest {
    @Test
    void warmReportHasLambdasFieldsAndTabs() {
        ReportLine line = new ReportLine("id-1", 12.344, 1024, 180, null, null, null, false);
        assertEquals("REPORT RequestId: id-1\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 1024 MB\tMax Memory Used: 180 MB\t",
                line.toString());
    }

    @Test
    void coldReportAddsInitDurationAndBillsIt() {
        ReportLine line = new ReportLine("id-2", 100.5, 512, 90, 812.55, null, null, false);
        assertEquals("REPORT RequestId: id-2\tDuration: 100.50 ms\tBilled Duration: 914 ms\tMemory Size: 512 MB\tMax Memory Used: 90 MB\t"
                + "Init Duration: 812.55 ms\t", line.toString());
    }

    @Test
    void failuresAndUnthrottledRunsAreMarked() {
        ReportLine line = new ReportLine("id-3", 3000, 128, 60, null, "timeout", null, true);
        assertEquals("REPORT RequestId: id-3\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\t"
                + "Status: timeout\tLocal: unthrottled\t", line.toString());
    }
}
