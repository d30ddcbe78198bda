package dev.coldbrew.tuner;

import dev.coldbrew.tuner.search.SizeEstimate;
import dev.coldbrew.lambda.report.ReportLine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything measured at one memory size. {@code duration} and {@code cost} are Power Tuning's figures:
 * trimmed mean of duration + init + restore, and the price of the trimmed-mean billed duration (here with
 * the request fee). Warm and cold starts are also reported apart, since the trimmed mean hides cold starts.
 * A cold start is split into its start-up ({@code initOrRestore}: Init Duration, or Restore Duration under
 * SnapStart) and the first invoke after it (that call's Duration); {@code coldStartP50} is their sum per
 * call, the cold start as the caller sees it. {@code errors} counts the calls that failed; {@code allowedErrors}
 * those whose error type --allowed-exceptions tolerates, which are measured like the others.
 */
public record PowerResult(
        int power,
        int invocations,
        int errors,
        int allowedErrors,
        String failure,
        double duration,
        double billedDuration,
        double cost,
        double totalCost,
        double p50,
        double p90,
        double p99,
        int warmCount,
        double warmMean,
        double warmP50,
        double warmP90,
        double warmP99,
        int coldCount,
        double initDuration,
        double restoreDuration,
        double coldTotalMean,
        ColdStartKind coldStartKind,
        double initOrRestoreP50,
        double initOrRestoreP90,
        double firstInvokeP50,
        double coldStartP50,
        int maxMemoryUsed,
        SizeEstimate interval) {

    /** The confidence of every interval the tuner reports. */
    public static final double CONFIDENCE = 0.95;

    public boolean failed() {
        return failure != null;
    }

    public double costPerMillion() {
        return cost * 1_000_000;
    }

    /** Summarises the calls made at {@code power}; a failure reason marks the value as skipped. */
    public static PowerResult of(int power, List<Invocation> calls, Pricing pricing, double discardTopBottom,
                                 String failure) {
        List<ReportLine> ok = calls.stream().filter(c -> !c.failed() && c.report() != null)
                .map(Invocation::report).toList();
        List<Double> total = ok.stream().map(ReportLine::totalDurationMs).toList();
        // Priced as billed: Billed Duration, which already holds an on-demand init and a SnapStart restore's
        // Billed Restore Duration. Init and Restore Duration are what the caller waited for, never billed again.
        List<Double> billed = ok.stream().map(ReportLine::billedMs).toList();
        List<Double> warm = ok.stream().filter(r -> !r.cold()).map(ReportLine::durationMs).toList();
        List<ReportLine> cold = ok.stream().filter(ReportLine::cold).toList();
        List<Double> initOrRestore = cold.stream().map(r -> r.initDurationMs() + r.restoreDurationMs()).toList();
        List<Double> firstInvoke = cold.stream().map(ReportLine::durationMs).toList();
        List<Double> coldTotal = cold.stream().map(ReportLine::totalDurationMs).toList();
        double trimmedBilled = Math.ceil(Stats.trimmedMean(billed, discardTopBottom));
        return builder(power)
                .invocations(calls.size())
                .errors((int) calls.stream().filter(Invocation::failed).count())
                .allowedErrors((int) calls.stream().filter(Invocation::allowedError).count())
                .failure(failure != null ? failure : ok.isEmpty() ? "no successful invocation" : null)
                .duration(Stats.trimmedMean(total, discardTopBottom))
                .billedDuration(trimmedBilled)
                .cost(ok.isEmpty() ? 0 : pricing.costPerInvocation(trimmedBilled, power))
                .totalCost(billed.stream().mapToDouble(b -> pricing.costPerInvocation(b, power)).sum())
                .p50(Stats.percentile(total, 50)).p90(Stats.percentile(total, 90)).p99(Stats.percentile(total, 99))
                .warmCount(warm.size())
                .warmMean(Stats.trimmedMean(warm, discardTopBottom))
                .warmP50(Stats.percentile(warm, 50)).warmP90(Stats.percentile(warm, 90)).warmP99(Stats.percentile(warm, 99))
                .coldCount(cold.size())
                .initDuration(Stats.mean(cold.stream().map(ReportLine::initDurationMs).toList()))
                .restoreDuration(Stats.mean(cold.stream().map(ReportLine::restoreDurationMs).toList()))
                .coldTotalMean(Stats.mean(coldTotal))
                .coldStartKind(ColdStartKind.common(cold.stream().map(ColdStartKind::of).toList()))
                .initOrRestoreP50(Stats.percentile(initOrRestore, 50))
                .initOrRestoreP90(Stats.percentile(initOrRestore, 90))
                .firstInvokeP50(Stats.percentile(firstInvoke, 50))
                .coldStartP50(Stats.percentile(coldTotal, 50))
                .maxMemoryUsed((int) Stats.max(ok.stream().map(r -> (double) r.maxMemoryUsedMb()).toList()))
                .interval(ok.isEmpty() ? null : SizeEstimate.of(power, total.stream().mapToDouble(Double::doubleValue).toArray(),
                        CONFIDENCE, pricing.pricePerGbSecond(), pricing.pricePerRequest()))
                .build();
    }

    /** A result with every figure named; figures not set are zero and the failure null. */
    public static Builder builder(int power) {
        return new Builder(power);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("power", power);
        m.put("invocations", invocations);
        m.put("errors", errors);
        if (allowedErrors > 0) {
            m.put("allowedErrors", allowedErrors);
        }
        if (failed()) {
            m.put("failure", failure);
            return m;
        }
        m.put("duration", round(duration));
        m.put("billedDuration", billedDuration);
        m.put("cost", cost);
        m.put("costPerMillion", Math.round(costPerMillion() * 10_000) / 10_000.0);
        m.put("totalCost", totalCost);
        m.put("p50", round(p50));
        m.put("p90", round(p90));
        m.put("p99", round(p99));
        m.put("warm", Map.of("count", warmCount, "mean", round(warmMean),
                "p50", round(warmP50), "p90", round(warmP90), "p99", round(warmP99)));
        Map<String, Object> cold = new LinkedHashMap<>();
        cold.put("count", coldCount);
        cold.put("kind", coldStartKind.label());
        cold.put("initOrRestoreP50", round(initOrRestoreP50));
        cold.put("initOrRestoreP90", round(initOrRestoreP90));
        cold.put("firstInvokeP50", round(firstInvokeP50));
        cold.put("coldStartP50", round(coldStartP50));
        cold.put("initDuration", round(initDuration));
        cold.put("restoreDuration", round(restoreDuration));
        cold.put("meanTotalDuration", round(coldTotalMean));
        m.put("cold", cold);
        m.put("maxMemoryUsed", maxMemoryUsed);
        if (interval != null) {
            m.put("durationInterval", List.of(round(interval.duration().low()), round(interval.duration().high())));
            m.put("costInterval", List.of(interval.cost().low(), interval.cost().high()));
        }
        return m;
    }

    static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }

    /** Names each of the many figures of a {@link PowerResult}, so none is passed by position. */
    public static final class Builder {
        private final int power;
        private int invocations, errors, allowedErrors, warmCount, coldCount, maxMemoryUsed;
        private String failure;
        private double duration, billedDuration, cost, totalCost, p50, p90, p99;
        private double warmMean, warmP50, warmP90, warmP99, initDuration, restoreDuration, coldTotalMean;
        private ColdStartKind coldStartKind = ColdStartKind.NONE;
        private double initOrRestoreP50, initOrRestoreP90, firstInvokeP50, coldStartP50;
        private SizeEstimate interval;

        private Builder(int power) {
            this.power = power;
        }

        public Builder invocations(int count) { invocations = count; return this; }
        public Builder errors(int count) { errors = count; return this; }
        public Builder allowedErrors(int count) { allowedErrors = count; return this; }
        public Builder failure(String reason) { failure = reason; return this; }
        public Builder duration(double ms) { duration = ms; return this; }
        public Builder billedDuration(double ms) { billedDuration = ms; return this; }
        public Builder cost(double usd) { cost = usd; return this; }
        public Builder totalCost(double usd) { totalCost = usd; return this; }
        public Builder p50(double ms) { p50 = ms; return this; }
        public Builder p90(double ms) { p90 = ms; return this; }
        public Builder p99(double ms) { p99 = ms; return this; }
        public Builder warmCount(int count) { warmCount = count; return this; }
        public Builder warmMean(double ms) { warmMean = ms; return this; }
        public Builder warmP50(double ms) { warmP50 = ms; return this; }
        public Builder warmP90(double ms) { warmP90 = ms; return this; }
        public Builder warmP99(double ms) { warmP99 = ms; return this; }
        public Builder coldCount(int count) { coldCount = count; return this; }
        public Builder initDuration(double ms) { initDuration = ms; return this; }
        public Builder restoreDuration(double ms) { restoreDuration = ms; return this; }
        public Builder coldTotalMean(double ms) { coldTotalMean = ms; return this; }
        public Builder coldStartKind(ColdStartKind kind) { coldStartKind = kind; return this; }
        public Builder initOrRestoreP50(double ms) { initOrRestoreP50 = ms; return this; }
        public Builder initOrRestoreP90(double ms) { initOrRestoreP90 = ms; return this; }
        public Builder firstInvokeP50(double ms) { firstInvokeP50 = ms; return this; }
        public Builder coldStartP50(double ms) { coldStartP50 = ms; return this; }
        public Builder maxMemoryUsed(int mb) { maxMemoryUsed = mb; return this; }

        public Builder interval(SizeEstimate estimate) { interval = estimate; return this; }

        public PowerResult build() {
            return new PowerResult(power, invocations, errors, allowedErrors, failure, duration, billedDuration, cost, totalCost,
                    p50, p90, p99, warmCount, warmMean, warmP50, warmP90, warmP99,
                    coldCount, initDuration, restoreDuration, coldTotalMean,
                    coldStartKind, initOrRestoreP50, initOrRestoreP90, firstInvokeP50, coldStartP50, maxMemoryUsed, interval);
        }
    }
}
