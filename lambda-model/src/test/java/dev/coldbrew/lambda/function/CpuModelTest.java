package dev.coldbrew.lambda.function;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CpuModelTest {
    @Test
    void memoryBuysCpuLinearlyUpToSixVcpusAndTheHostsCores() {
        assertEquals(1000, CpuModel.millicores(1769, 8));
        assertEquals(289, CpuModel.millicores(512, 8));
        assertEquals(72, CpuModel.millicores(128, 8));
        assertEquals(5789, CpuModel.millicores(10240, 8));
        assertEquals(2000, CpuModel.millicores(10240, 2), "never more than the host has");
    }

    @Test
    void anOnDemandInitGetsTheBurstWhateverItsMemory() {
        assertEquals(2000, CpuModel.initBurstMillicores(128, 8), "two vCPUs at 128 MB");
        assertEquals(2000, CpuModel.initBurstMillicores(1769, 8));
        assertEquals(5789, CpuModel.initBurstMillicores(10240, 8), "above the burst, the memory share");
        assertEquals(1000, CpuModel.initBurstMillicores(128, 1), "never more than the host has");
    }
}
