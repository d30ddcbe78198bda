package dev.coldbrew.lambda.function;

/**
 * Lambda's memory-to-CPU model: 1769 MB buys one vCPU, CPU scales linearly with memory up to 6 vCPUs at
 * 10240 MB. Locally the share is also capped by the host's cores. Expressed in millicores.
 */
public final class CpuModel {
    public static final int MB_PER_VCPU = 1769;
    public static final int MAX_VCPUS = 6;

    private CpuModel() {
    }

    public static long millicores(int memoryMb, int hostCores) {
        long share = Math.round(memoryMb * 1000.0 / MB_PER_VCPU);
        return Math.max(1, Math.min(share, Math.min(MAX_VCPUS, hostCores) * 1000L));
    }

    /** What Lambda itself would give, uncapped by this host, for reports. */
    public static double lambdaVcpus(int memoryMb) {
        return Math.min(MAX_VCPUS, memoryMb / (double) MB_PER_VCPU);
    }
}
