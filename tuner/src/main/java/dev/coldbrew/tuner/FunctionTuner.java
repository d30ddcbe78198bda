package dev.coldbrew.tuner;

import dev.coldbrew.lambda.report.ReportLine;
import com.fasterxml.jackson.jr.ob.JSON;
import dev.coldbrew.tuner.search.AdaptiveSearch;
import dev.coldbrew.tuner.search.TrimmedMeanInterval;
import dev.coldbrew.tuner.search.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.RequestTooLargeException;

/**
 * Measures one function at every power value of the plan: set memory, publish a version, point an alias at
 * it, invoke it and read the REPORT line from the log tail. A power value whose invocation fails (handler
 * error, out of memory, timeout, a failed pre- or post-invoke function) is recorded as failed and skipped; the
 * run goes on with the next one. The function is always restored through its {@link TuningSession}.
 */
final class FunctionTuner {
    /** The most sizes the adaptive search measures for one function. */
    private static final int MAX_ADAPTIVE_SIZES = 40;
    private static final String NO_REPORT = "NoReport";
    private final LambdaClient lambda;
    private final TuningPlan plan;
    private final Progress progress;

    FunctionTuner(LambdaClient lambda, TuningPlan plan, Progress progress) {
        this.lambda = lambda;
        this.plan = plan;
        this.progress = progress;
    }

    /** Tunes {@code target}; {@code sessionStarted} receives the session so a shutdown hook can restore it. */
    FunctionReport tune(FunctionTarget target, PricingChoice pricingChoice, Consumer<TuningSession> sessionStarted) {
        TuningSession session;
        try {
            session = new TuningSession(lambda, target.functionName());
        } catch (SdkException e) {
            return new FunctionReport(target, pricingChoice.resolve("x86_64"), 0, List.of(),
                    "Cannot read " + target.functionName() + ": " + Messages.firstLine(e.getMessage()), List.of());
        }
        sessionStarted.accept(session);
        Pricing pricing = pricingChoice.resolve(session.architecture());
        List<PowerResult> results = new ArrayList<>();
        String failure = null;
        String runId = Long.toString(System.currentTimeMillis(), 36);
        try {
            if (plan.adaptive() || plan.numAuto()) {
                results.addAll(new Sizes(target, session, runId, pricing).measure());
            } else {
                for (int power : plan.powers()) {
                    try {
                        results.add(measure(target, session, power, runId, pricing));
                    } catch (InvalidParameterValueException rejected) {
                        // e.g. an account limited to 3008 MB: skip this value, keep the others.
                        progress.invoked(plan.invocationsPerPower());
                        String reason = "rejected by Lambda: " + Messages.firstLine(rejected.awsErrorDetails() == null
                                ? rejected.getMessage() : rejected.awsErrorDetails().errorMessage());
                        progress.sizeDone(target.functionName(), power, 0, reason);
                        results.add(PowerResult.of(power, List.of(), pricing, plan.effectiveDiscard(), reason));
                    }
                }
            }
        } catch (TuningSession.CancelledException e) {
            failure = "interrupted";
        } catch (RuntimeException e) {
            failure = session.closed() ? "interrupted" : e instanceof SdkException ? describe(e)
                    : e.getClass().getSimpleName() + ": " + Messages.firstLine(e.getMessage());
        } finally {
            session.restore();
        }
        // With a qualifier the configured memory is that of the version it names; $LATEST's is what gets restored.
        int configured = target.qualifier() != null && target.qualifier().memorySize() != null
                ? target.qualifier().memorySize() : session.originalMemory();
        return new FunctionReport(target, pricing, configured, results, failure, session.restore());
    }

    private PowerResult measure(FunctionTarget target, TuningSession session, int power, String runId, Pricing pricing) {
        int n = plan.invocationsPerPower();
        List<Call> calls = new ArrayList<>();
        if (plan.onlyColdStarts()) {
            // A new version per call: every call lands on a new execution environment.
            for (int i = 0; i < n && firstFailure(calls) == null; i++) {
                String alias = session.prepare(power, runId + "-" + power + "-" + i, power + "-" + i);
                calls.add(call(target, alias, power, target.events().get(i)));
                progress.invoked(1);
                pause(i, n);
            }
        } else {
            String alias = session.prepare(power, runId + "-" + power, Integer.toString(power));
            if (plan.parallel()) {
                calls.addAll(callInParallel(target, alias, power, n));
            } else {
                for (int i = 0; i < n && firstFailure(calls) == null; i++) {
                    calls.add(call(target, alias, power, target.events().get(i)));
                    progress.invoked(1);
                    pause(i, n);
                }
            }
        }
        if (calls.size() < n) {
            progress.invoked(n - calls.size());
        }
        PowerResult result = result(power, calls, pricing);
        progress.sizeDone(target.functionName(), power, result.invocations(), firstFailure(calls));
        return result;
    }

    /** The figures of the calls made at {@code power}; the first failing one fails the size. */
    private PowerResult result(int power, List<Call> calls, Pricing pricing) {
        List<Invocation> measured = calls.stream().map(Call::invocation).filter(i -> i != null).toList();
        return PowerResult.of(power, measured, pricing, plan.effectiveDiscard(), firstFailure(calls));
    }

    /**
     * The sizes of a run that comes back to a size for more calls: the adaptive search, and --num auto, which gives
     * a size more calls while its 95 % interval still overlaps the winner's and is wider than the target. Each size
     * keeps its version and alias, so later calls are warm like the first ones after the cold start.
     */
    private final class Sizes {
        /** What a failed call counts as in the search: Lambda's longest timeout, so that the size never wins. */
        private static final double FAILED_CALL_MS = 900_000;

        private final FunctionTarget target;
        private final TuningSession session;
        private final String runId;
        private final Pricing pricing;
        private final Map<Integer, String> aliases = new HashMap<>();
        private final Map<Integer, List<Call>> calls = new TreeMap<>();

        Sizes(FunctionTarget target, TuningSession session, String runId, Pricing pricing) {
            this.target = target;
            this.session = session;
            this.runId = runId;
            this.pricing = pricing;
        }

        List<PowerResult> measure() {
            if (plan.adaptive()) {
                List<Integer> powers = plan.powers();
                AdaptiveSearch.Settings settings = new AdaptiveSearch.Settings(powers.getFirst(), powers.getLast(),
                        plan.stepMb(), plan.strategy().objective(), pricing.pricePerGbSecond(), pricing.pricePerRequest(),
                        PowerResult.CONFIDENCE, TuningPlan.AUTO_TARGET_RELATIVE_HALF_WIDTH, plan.invocationsPerPower(),
                        plan.maxInvocationsPerPower(), MAX_ADAPTIVE_SIZES);
                AdaptiveSearch.run(this::durations, settings);
            } else {
                for (int power : plan.powers()) {
                    add(power, plan.invocationsPerPower());
                }
                narrow();
            }
            return calls.keySet().stream().map(this::result).toList();
        }

        /**
         * --num auto on a fixed list of sizes: more calls for the best size and its contenders until the verdict settles,
         * as the adaptive search narrows (a contender within 2 % of the best is a practical tie and gets none).
         */
        private void narrow() {
            while (true) {
                List<PowerResult> results = calls.keySet().stream().map(this::result).toList();
                Optional<Verdict> decided = FunctionReport.verdict(results, plan.strategy());
                if (decided.isEmpty()) {
                    return;
                }
                Verdict verdict = decided.get();
                int best = verdict.best();
                Map<Integer, TrimmedMeanInterval> objective = Verdict.objectiveIntervals(
                        FunctionReport.intervals(results), plan.strategy().objective());
                List<Integer> material = verdict.tiedWith().stream()
                        .filter(p -> objective.get(p).estimate() > objective.get(best).estimate() * (1 + Verdict.PRACTICAL_TIE))
                        .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
                if (material.isEmpty()) {
                    return;
                }
                material.add(best);
                boolean added = false;
                for (int power : material) {
                    int made = calls.get(power).size();
                    if (objective.get(power).relativeHalfWidth() > TuningPlan.AUTO_TARGET_RELATIVE_HALF_WIDTH
                            && made < plan.maxInvocationsPerPower()) {
                        add(power, Math.min(made, plan.maxInvocationsPerPower() - made));
                        added = true;
                    }
                }
                if (!added) {
                    return;
                }
            }
        }

        /** The search's view of {@code n} more calls at a size: their durations, a failed call as the longest timeout. */
        private double[] durations(int power, int n) {
            List<Call> made = add(power, n);
            return made.subList(Math.max(0, made.size() - n), made.size()).stream()
                    .mapToDouble(c -> c.failure() == null && c.invocation() != null && c.invocation().report() != null
                            ? c.invocation().report().totalDurationMs() : FAILED_CALL_MS)
                    .toArray();
        }

        /** {@code n} more calls at {@code power} (fewer once one fails); every call made there so far. */
        private List<Call> add(int power, int n) {
            String alias = aliases.computeIfAbsent(power, p -> session.prepare(p, runId + "-" + p, Integer.toString(p)));
            List<Call> made = calls.computeIfAbsent(power, p -> new ArrayList<>());
            int before = made.size();
            boolean replaced = false;
            for (int i = 0; i < n && firstFailure(made) == null; i++) {
                Call call = call(target, alias, power, target.events().get(made.size() % target.events().size()));
                progress.invoked(1);
                // Back at a size, a new environment is not the size's doing: the local Lambda stops idle environments
                // to free CPU for the other sizes, where Lambda keeps them for minutes. The first size's cold start
                // is measured, as Power Tuning measures it; one such call per return is made again, not counted.
                if (before > 0 && !replaced && cold(call)) {
                    replaced = true;
                    i--;
                    continue;
                }
                made.add(call);
            }
            progress.sizeDone(target.functionName(), power, made.size() - before, firstFailure(made));
            return made;
        }

        private PowerResult result(int power) {
            return FunctionTuner.this.result(power, calls.get(power), pricing);
        }
    }

    private static boolean cold(Call call) {
        return call.failure() == null && call.invocation() != null && call.invocation().report() != null
                && call.invocation().report().cold();
    }

    private static String firstFailure(List<Call> calls) {
        return calls.stream().map(Call::failure).filter(f -> f != null).findFirst().orElse(null);
    }

    private List<Call> callInParallel(FunctionTarget target, String alias, int power, int n) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 64));
        try {
            List<Future<Call>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] event = target.events().get(i);
                futures.add(pool.submit(() -> {
                    Call call = call(target, alias, power, event);
                    progress.invoked(1);
                    return call;
                }));
            }
            List<Call> calls = new ArrayList<>();
            for (Future<Call> f : futures) {
                calls.add(f.get());
            }
            return calls;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TuningSession.CancelledException();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One measured call with its processors: the measured invocation (null when the pre-invoke failed before it)
     * and why it fails its power value (null when it counts).
     */
    record Call(Invocation invocation, String failure) {
    }

    /**
     * Calls {@code target} at {@code qualifier} with {@code event}, between --pre-invoke and --post-invoke as Power
     * Tuning does: the pre-invoke function gets the event and its output, unless empty or null, is sent instead;
     * the post-invoke function gets the measured call's output, also after a function error (it may have to clean
     * up). Processors are called as named (no qualifier added), synchronously, and never measured; one that fails
     * fails this call's power value.
     */
    Call call(FunctionTarget target, String qualifier, int power, byte[] event) {
        byte[] payload = event;
        if (plan.preInvoke() != null) {
            Processed pre = process("pre-invoke", plan.preInvoke(), event);
            if (pre.failure() != null) {
                return new Call(null, pre.failure());
            }
            if (!isEmpty(pre.output())) {
                payload = pre.output();
            }
        }
        byte[] sent = payload;
        InvokeResponse response;
        try {
            response = Retry.retrying(() -> lambda.invoke(r -> r
                    .functionName(target.functionName()).qualifier(qualifier)
                    .logType(LogType.TAIL).payload(SdkBytes.fromByteArray(sent))));
        } catch (InvalidRequestContentException | RequestTooLargeException rejected) {
            // The payload (a pre-invoke output, say) is no JSON Lambda takes: this call fails, the run goes on.
            return new Call(null, "Invoke rejected the payload: " + describe(rejected));
        }
        Invocation invocation = measured(response, power);
        String failure = failureOf(invocation);
        if (plan.postInvoke() != null) {
            byte[] output = response.payload() == null ? new byte[0] : response.payload().asByteArray();
            Processed post = process("post-invoke", plan.postInvoke(), output);
            failure = failure != null ? failure : post.failure();
        }
        return new Call(invocation, failure);
    }

    /** A processor's output, or why it failed. */
    private record Processed(byte[] output, String failure) {
    }

    private Processed process(String role, String function, byte[] payload) {
        try {
            InvokeResponse r = Retry.retrying(() -> lambda.invoke(b -> b.functionName(function)
                    .payload(SdkBytes.fromByteArray(payload))));
            if (r.functionError() != null) {
                Map<String, Object> error = errorBody(r.payload());
                return new Processed(null, role + " " + function + " failed: "
                        + describe(String.valueOf(error.getOrDefault("errorType", r.functionError())),
                        String.valueOf(error.getOrDefault("errorMessage", ""))));
            }
            return new Processed(r.payload() == null ? new byte[0] : r.payload().asByteArray(), null);
        } catch (SdkException e) {
            return new Processed(null, role + " " + function + " failed: " + describe(e));
        }
    }

    /** No output, or JSON null: Power Tuning then keeps the original payload. */
    private static boolean isEmpty(byte[] output) {
        String text = new String(output, StandardCharsets.UTF_8).strip();
        return text.isEmpty() || text.equals("null");
    }

    /** The REPORT figures of a call, or its error; an error --allowed-exceptions names is measured if it has them. */
    private Invocation measured(InvokeResponse response, int power) {
        String log = response.logResult() == null ? ""
                : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        ReportLine report = ReportLine.find(log).orElse(null);
        if (response.functionError() != null) {
            Map<String, Object> error = errorBody(response.payload());
            String type = String.valueOf(error.getOrDefault("errorType", response.functionError()));
            String message = String.valueOf(error.getOrDefault("errorMessage", ""));
            return new Invocation(power, report, type, message, report != null && plan.allows(type));
        }
        if (report == null) {
            return new Invocation(power, null, NO_REPORT, "the log tail had no REPORT line");
        }
        return new Invocation(power, report, null, null);
    }

    private static Map<String, Object> errorBody(SdkBytes payload) {
        try {
            Map<String, Object> map = payload == null ? null : JSON.std.mapFrom(payload.asByteArray());
            return map == null ? Map.of() : map;
        } catch (Exception e) {
            return Map.of();
        }
    }

    private String failureOf(Invocation call) {
        if (!call.failed()) {
            return null;
        }
        return NO_REPORT.equals(call.errorType()) ? NO_REPORT + ": " + call.errorMessage()
                : describe(call.errorType(), call.errorMessage());
    }

    /**
     * An error as the reports show it: its type and the first line of its message, or with --disable-payload-logs
     * the type alone, since a function's message may quote the event it got (a validation error, say).
     */
    String describe(String type, String message) {
        if (plan.disablePayloadLogs()) {
            return type + (message == null || message.isBlank() ? "" : " (message withheld: --disable-payload-logs)");
        }
        return type + (message == null || message.isBlank() ? "" : ": " + Messages.firstLine(message));
    }

    /** An API error the same way: Lambda's message about a rejected payload may quote it. */
    String describe(Exception e) {
        String message = e instanceof AwsServiceException aws && aws.awsErrorDetails() != null
                ? aws.awsErrorDetails().errorMessage() : e.getMessage();
        return describe(e.getClass().getSimpleName(), message);
    }

    private void pause(int i, int n) {
        if (plan.sleepBetweenRunsMs() > 0 && i < n - 1) {
            Retry.sleep(plan.sleepBetweenRunsMs());
        }
    }

    /** Pricing from the CLI, or from the function's own architecture when none was given. */
    record PricingChoice(Pricing.Architecture architecture, String region) {
        Pricing resolve(String functionArchitecture) {
            Pricing.Architecture a = architecture != null ? architecture
                    : Pricing.Architecture.parse(functionArchitecture);
            return Pricing.of(a, region);
        }
    }
}
