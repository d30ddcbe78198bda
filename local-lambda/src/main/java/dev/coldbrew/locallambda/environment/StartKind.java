package dev.coldbrew.locallambda.environment;

/** How an execution environment starts, which decides its init's CPU and what its first REPORT says. */
public enum StartKind {
    /**
     * Started for an invoke that found no idle environment: the init runs with the CPU burst
     * ({@code CpuModel.INIT_BURST_VCPUS}) and is cut off after {@code CpuModel.INIT_BURST_SECONDS}; the memory
     * share applies from the first invoke; the REPORT has Init Duration.
     */
    ON_DEMAND,
    /**
     * The re-run of an init that passed the limit, inside the invoke it was started for (Lambda developer guide,
     * "Understand the Lambda execution environment lifecycle": "Lambda retries the Init phase at the time of the
     * first function invocation with the configured function timeout"): memory share from the start, the init
     * counted in Duration and in the function timeout, no Init Duration in the REPORT.
     */
    INIT_RETRY,
    /**
     * A SnapStart version's environment, prepared before any invoke needs it (Lambda developer guide,
     * "Improving startup performance with Lambda SnapStart"): the runtime inits with
     * {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}, runs the before-checkpoint hooks, then waits on
     * {@code restore/next}. A cold start releases it: after-restore hooks, then the invoke. No snapshot is
     * taken or loaded here; the REPORT's Restore Duration is the runtime's restore path as it really runs.
     */
    SNAP_START,
    /**
     * A provisioned-concurrency environment, initialised ahead of any invoke with the memory share and no
     * burst (Serverless Land, "Effectively running Java on Serverless": "For provisioned concurrency, there is
     * no cpu burst"); its invokes have no Init Duration.
     */
    PROVISIONED;

    /** The value of {@code AWS_LAMBDA_INITIALIZATION_TYPE} Lambda sets. */
    String initializationType() {
        return switch (this) {
            case SNAP_START -> "snap-start";
            case PROVISIONED -> "provisioned-concurrency";
            case ON_DEMAND, INIT_RETRY -> "on-demand";
        };
    }
}
