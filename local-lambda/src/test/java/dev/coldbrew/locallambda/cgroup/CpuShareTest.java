package dev.coldbrew.locallambda.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuShareTest {
    @Test
    void memoryBuysCpuLinearlyUpToSixVcpusAndTheHostsCores() {
        assertEquals(1000, CpuShare.millicores(1769, 8));
        assertEquals(289, CpuShare.millicores(512, 8));
        assertEquals(72, CpuShare.millicores(128, 8));
        assertEquals(5789, CpuShare.millicores(10240, 8));
        assertEquals(2000, CpuShare.millicores(10240, 2), "never more than the host has");
    }

    @Test
    void admissionKeepsHeldQuotaWithinTheHost() {
        CpuAdmission admission = new CpuAdmission(2);
        assertTrue(admission.tryAcquire(1000));
        assertTrue(admission.tryAcquire(700));
        assertFalse(admission.tryAcquire(301));
        assertTrue(admission.tryAcquire(300));
        admission.release(700);
        assertTrue(admission.tryAcquire(700));
        assertEquals(2000, admission.heldMillicores());
    }
}
