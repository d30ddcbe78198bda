package dev.coldbrew.locallambda.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuAdmissionTest {
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
