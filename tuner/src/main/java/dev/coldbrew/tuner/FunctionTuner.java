package dev.coldbrew.tuner;

import dev.coldbrew.lambda.report.ReportLine;
import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Measures one function at every power value of the plan: set memory, publish a version, point an alias at
 * it, invoke it and read the REPORT line from the log tail. A power value whose invocation fails (handler
 * error, out of memory, timeout) is recorded as failed and skipped; the run goes on with the next one.
 * The function is always restored through its {@link TuningSession}.
 */
final class FunctionTuner {
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
        } catch (TuningSession.CancelledException e) {
            failure = "interrupted";
        } catch (RuntimeException e) {
            failure = session.closed() ? "interrupted"
                    : e.getClass().getSimpleName() + ": " + Messages.firstLine(e.getMessage());
        } finally {
            session.restore();
        }
        return new FunctionReport(target, pricing, session.originalMemory(), results, failure, session.restore());
    }

    private PowerResult measure(FunctionTarget target, TuningSession session, int power, String runId, Pricing pricing) {
        int n = plan.invocationsPerPower();
        List<Invocation> calls = new ArrayList<>();
        String failure = null;
        if (plan.onlyColdStarts()) {
            // A new version per call: every call lands on a new execution environment.
            for (int i = 0; i < n && failure == null; i++) {
                String alias = session.prepare(power, runId + "-" + power + "-" + i, power + "-" + i);
                Invocation call = invoke(target, alias, power, target.events().get(i));
                calls.add(call);
                progress.invoked(1);
                failure = failureOf(call);
                pause(i, n);
            }
        } else {
            String alias = session.prepare(power, runId + "-" + power, Integer.toString(power));
            if (plan.parallel()) {
                calls.addAll(invokeInParallel(target, alias, power, n));
                failure = calls.stream().map(FunctionTuner::failureOf).filter(f -> f != null).findFirst().orElse(null);
            } else {
                for (int i = 0; i < n && failure == null; i++) {
                    Invocation call = invoke(target, alias, power, target.events().get(i));
                    calls.add(call);
                    progress.invoked(1);
                    failure = failureOf(call);
                    pause(i, n);
                }
            }
        }
        if (calls.size() < n) {
            progress.invoked(n - calls.size());
        }
        progress.sizeDone(target.functionName(), power, calls.size(), failure);
        return PowerResult.of(power, calls, pricing, plan.effectiveDiscard(), failure);
    }

    private List<Invocation> invokeInParallel(FunctionTarget target, String alias, int power, int n) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 64));
        try {
            List<Future<Invocation>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                byte[] event = target.events().get(i);
                futures.add(pool.submit(() -> {
                    Invocation call = invoke(target, alias, power, event);
                    progress.invoked(1);
                    return call;
                }));
            }
            List<Invocation> calls = new ArrayList<>();
            for (Future<Invocation> f : futures) {
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

    /** One call of {@code target} at {@code alias} (or any qualifier), with its REPORT figures or its error. */
    Invocation invoke(FunctionTarget target, String alias, int power, byte[] event) {
        InvokeResponse response = Retry.retrying(() -> lambda.invoke(r -> r
                .functionName(target.functionName()).qualifier(alias)
                .logType(LogType.TAIL).payload(SdkBytes.fromByteArray(event))));
        String log = response.logResult() == null ? ""
                : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        ReportLine report = ReportLine.find(log).orElse(null);
        if (response.functionError() != null) {
            Map<String, Object> error = errorBody(response.payload());
            String type = String.valueOf(error.getOrDefault("errorType", response.functionError()));
            String message = String.valueOf(error.getOrDefault("errorMessage", ""));
            return new Invocation(power, report, type, message);
        }
        if (report == null) {
            return new Invocation(power, null, "NoReport", "the log tail had no REPORT line");
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

    private static String failureOf(Invocation call) {
        if (!call.failed()) {
            return null;
        }
        String message = call.errorMessage() == null || call.errorMessage().isBlank() ? "" : ": " + call.errorMessage();
        return call.errorType() + Messages.firstLine(message);
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
