package dev.coldbrew.lambda.function;

/**
 * Lambda's memory-to-CPU model: 1769 MB buys one vCPU, CPU scales linearly with memory up to 6 vCPUs at
 * 10240 MB (Lambda developer guide, "Configure Lambda function memory"). The share applies to invokes and to
 * provisioned-concurrency inits; the init of an on-demand environment gets a burst instead (below). Locally
 * every figure is also capped by the host's cores. Expressed in millicores.
 */
public final class CpuModel {
    public static final int MB_PER_VCPU = 1769;
    public static final int MAX_VCPUS = 6;

    /**
     * The CPU an on-demand environment's init gets, whatever its memory: the microVM's visible vCPUs,
     * unthrottled. Sources: AWS re:Post knowledge center "lambda-improve-java-function-performance" ("Lambda
     * allocates a burst of host CPU capacity for up to 10 seconds" during init); Serverless Land "Effectively
     * running Java on Serverless" (on-demand init uses a full vCPU, non-throttled; provisioned concurrency gets
     * no burst); measurements of two unthrottled vCPUs during init at any memory size below about 3 GB
     * (lucvandonkersgoed.com, 2022), and two visible vCPUs in every microVM up to about 4 GB (blog.jsmz.dev,
     * 2025). The public lambda-perf data agree: Init Duration is flat from 128 to 1024 MB.
     */
    public static final int INIT_BURST_VCPUS = 2;

    /** The seconds the init burst lasts: Lambda's limit for the init phase of an on-demand environment. */
    public static final int INIT_BURST_SECONDS = 10;

    private CpuModel() {
    }

    public static long millicores(int memoryMb, int hostCores) {
        long share = Math.round(memoryMb * 1000.0 / MB_PER_VCPU);
        return Math.max(1, Math.min(share, Math.min(MAX_VCPUS, hostCores) * 1000L));
    }

    /** CPU for an on-demand init: the burst, or the memory share where that is more, capped by the host. */
    public static long initBurstMillicores(int memoryMb, int hostCores) {
        return Math.max(millicores(memoryMb, hostCores), Math.min(INIT_BURST_VCPUS, hostCores) * 1000L);
    }

    /** What Lambda itself would give, uncapped by this host, for reports. */
    public static double lambdaVcpus(int memoryMb) {
        return Math.min(MAX_VCPUS, memoryMb / (double) MB_PER_VCPU);
    }
}
