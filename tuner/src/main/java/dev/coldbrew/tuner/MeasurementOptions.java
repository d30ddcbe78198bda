package dev.coldbrew.tuner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How each function is measured: memory sizes, calls per size and their event, the functions called around each
 * call, which errors still count, pacing, trim and pricing.
 */
final class MeasurementOptions {

    @ArgGroup(exclusive = true)
    InvocationMode mode = new InvocationMode();

    @Option(names = {"-p", "--power"}, paramLabel = "MB",
            description = "Memory sizes: a list (128,512), a range FROM-TO:STEP (128-1024:128) or all. Default: ${DEFAULT-VALUE}.")
    String power = TuningPlan.DEFAULT_POWERS;

    @Option(names = {"-n", "--num"}, paramLabel = "N|auto[:MAX]", description = "Invocations per memory size, or auto: "
            + TuningPlan.AUTO_INITIAL_CALLS + " each, then more (up to MAX, default " + TuningPlan.AUTO_MAX_CALLS + ") only "
            + "for sizes whose 95 % interval still overlaps the best's, more than 2 % worse, and wider than ±5 %. "
            + "Default: ${DEFAULT-VALUE}.")
    String num = Integer.toString(TuningPlan.DEFAULT_NUM);

    @Option(names = "--search", paramLabel = "exhaustive|adaptive", description = "exhaustive: every --power value; "
            + "adaptive: a model of Lambda's cost curves chooses which sizes to measure over the --power range "
            + "(default 128-10240) on a --step grid, until the optimum is decided. Default: ${DEFAULT-VALUE}.")
    String search = "exhaustive";

    @Option(names = "--step", paramLabel = "MB", description = "Grid of the adaptive search: 64 (the console's slider) or 1. Default: ${DEFAULT-VALUE}.")
    int stepMb = TuningPlan.DEFAULT_STEP_MB;


    @Option(names = "--payload", paramLabel = "JSON|@FILE",
            description = "Event: inline JSON, @file, or a weighted list [{\"payload\":…,\"weight\":N},…]. Default: the function's exemplar event.")
    String payload;

    @Option(names = "--allowed-exceptions", paramLabel = "TYPE", split = ",",
            description = "Function error types (errorType) whose calls still count as measurements, their REPORT "
                    + "figures used, instead of failing the memory size; a Java class's simple name matches its full name.")
    List<String> allowedExceptions = new ArrayList<>();

    @Option(names = "--pre-invoke", paramLabel = "FUNCTION",
            description = "Function called with each event before every measured call; its output, unless empty or null, "
                    + "is sent instead. Not measured, never changed; its failure fails that memory size.")
    String preInvoke;

    @Option(names = "--post-invoke", paramLabel = "FUNCTION",
            description = "Function called with the output of every measured call, after it. Not measured, never "
                    + "changed; its failure fails that memory size.")
    String postInvoke;

    @Option(names = "--discard-top-bottom", paramLabel = "F",
            description = "Fraction of the slowest and fastest runs dropped from each end, 0 to " + TuningPlan.MAX_DISCARD_TOP_BOTTOM
                    + ". Default: ${DEFAULT-VALUE}.")
    double discardTopBottom = TuningPlan.DEFAULT_DISCARD_TOP_BOTTOM;

    @Option(names = "--sleep-between-runs", paramLabel = "MS", description = "Pause between invocations (serial mode).")
    long sleepBetweenRunsMs;

    @Option(names = "--architecture", paramLabel = "ARCH", description = "Pricing architecture x86_64 or arm64. Default: the function's own.")
    String architecture;

    @Option(names = "--concurrency", paramLabel = "N", description = "Functions tuned at once. Default: half the CPU cores, at least 1.")
    Integer concurrency;

    /** Serial calls on one version by default; all at once, or each on a version of its own. */
    @ConflictMessage("--parallel and --only-cold-starts cannot be combined: each cold start needs its own version.")
    static final class InvocationMode {
        @Option(names = "--parallel", description = "Fire the invocations of one memory size all at once.")
        boolean parallel;

        @Option(names = "--only-cold-starts", description = "Make every invocation a cold start (a new version per call).")
        boolean onlyColdStarts;
    }

    /** The plan these options describe, choosing the winner by {@code strategy}, with the run's output choices. */
    TuningPlan plan(Strategy.Options strategy, OutputOptions output) {
        List<Integer> powers = PowerValues.parse(power);
        if (mode.parallel && sleepBetweenRunsMs > 0) {
            throw new UsageException("--sleep-between-runs applies to serial invocations; drop --parallel.");
        }
        for (String type : allowedExceptions) {
            if (!type.strip().matches("[A-Za-z0-9_.$-]+")) {
                throw new UsageException("--allowed-exceptions takes error type names such as InvalidEventException or "
                        + "Runtime.ExitError, comma-separated; got '" + type + "'.");
            }
        }
        if (preInvoke != null) {
            FunctionResolver.parse(preInvoke, "--pre-invoke");
        }
        if (postInvoke != null) {
            FunctionResolver.parse(postInvoke, "--post-invoke");
        }
        boolean adaptive = switch (search.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "exhaustive" -> false;
            case "adaptive" -> true;
            default -> throw new UsageException("Unknown --search '" + search + "'; use exhaustive or adaptive.");
        };
        String value = num.strip().toLowerCase(java.util.Locale.ROOT);
        boolean numAuto = value.equals("auto") || value.startsWith("auto:");
        int calls;
        try {
            calls = value.equals("auto") ? TuningPlan.AUTO_MAX_CALLS
                    : Integer.parseInt(numAuto ? value.substring("auto:".length()) : value);
        } catch (NumberFormatException e) {
            throw new UsageException("Invalid value for option '--num': '" + num + "' is neither a number, auto nor auto:MAX.");
        }
        if (numAuto && calls < TuningPlan.AUTO_INITIAL_CALLS) {
            throw new UsageException("--num " + num + ": the most calls a size gets must be at least the "
                    + TuningPlan.AUTO_INITIAL_CALLS + " it starts with.");
        }
        // Without a --power of its own, the adaptive search covers Lambda's whole range.
        if (adaptive && power.equals(TuningPlan.DEFAULT_POWERS)) {
            powers = PowerValues.parse(TuningPlan.ADAPTIVE_POWERS);
        }
        return TuningPlan.builder()
                .powers(powers)
                .num(calls)
                .numAuto(numAuto)
                .adaptive(adaptive)
                .stepMb(stepMb)
                .parallel(mode.parallel)
                .onlyColdStarts(mode.onlyColdStarts)
                .sleepBetweenRunsMs(sleepBetweenRunsMs)
                .discardTopBottom(discardTopBottom)
                .dryRun(output.dryRun())
                .strategy(strategy.chosen())
                .strategies(Strategy.all(strategy))
                .allowedExceptions(allowedExceptions.stream().map(String::strip).toList())
                .preInvoke(preInvoke)
                .postInvoke(postInvoke)
                .disablePayloadLogs(output.disablePayloadLogs())
                .build();
    }

    /**
     * The events of --payload, one per call; empty when each function's exemplar event is to be sent. With
     * {@code quiet} (--disable-payload-logs) a payload that is not JSON is said without quoting it.
     */
    Optional<List<byte[]>> payloadEvents(int calls, boolean quiet) {
        return Optional.ofNullable(payload).map(p -> Payloads.expand(Payloads.read(p, Path.of("")), calls, quiet));
    }

    /** The architecture to price with; null to use each function's own. */
    Pricing.Architecture architecture() {
        return architecture == null ? null : Pricing.Architecture.parse(architecture);
    }

    int concurrency() {
        if (concurrency == null) {
            return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
        if (concurrency < 1) {
            throw new UsageException("--concurrency must be at least 1.");
        }
        return concurrency;
    }
}
