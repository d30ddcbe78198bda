package dev.coldbrew.tuner;

import dev.coldbrew.lambda.report.ReportLine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything measured at one memory size. {@code duration} and {@code cost} are Power Tuning's figures:
 * trimmed mean of duration + init + restore, and the price of the trimmed-mean billed duration (here with
 * the request fee). Warm and cold starts are also reported apart, since the trimmed mean hides cold starts.
 */
public record PowerResult(
        int power,
        int invocations,
        int errors,
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
        int maxMemoryUsed) {

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
        int errors = (int) calls.stream().filter(Invocation::failed).count();
        List<Double> total = ok.stream().map(ReportLine::totalDurationMs).toList();
        List<Double> billed = ok.stream().map(ReportLine::billedMs).toList();
        List<Double> warm = ok.stream().filter(r -> !r.cold()).map(ReportLine::durationMs).toList();
        List<ReportLine> cold = ok.stream().filter(ReportLine::cold).toList();
        double trimmedBilled = Math.ceil(Stats.trimmedMean(billed, discardTopBottom));
        double totalCost = billed.stream().mapToDouble(b -> pricing.costPerInvocation(b, power)).sum();
        String why = failure != null ? failure : ok.isEmpty() ? "no successful invocation" : null;
        return new PowerResult(power, calls.size(), errors, why,
                Stats.trimmedMean(total, discardTopBottom),
                trimmedBilled,
                ok.isEmpty() ? 0 : pricing.costPerInvocation(trimmedBilled, power),
                totalCost,
                Stats.percentile(total, 50), Stats.percentile(total, 90), Stats.percentile(total, 99),
                warm.size(), Stats.trimmedMean(warm, discardTopBottom),
                Stats.percentile(warm, 50), Stats.percentile(warm, 90), Stats.percentile(warm, 99),
                cold.size(),
                Stats.mean(cold.stream().map(ReportLine::initDurationMs).toList()),
                Stats.mean(cold.stream().map(ReportLine::restoreDurationMs).toList()),
                Stats.mean(cold.stream().map(ReportLine::totalDurationMs).toList()),
                (int) Stats.max(ok.stream().map(r -> (double) r.maxMemoryUsedMb()).toList()));
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("power", power);
        m.put("invocations", invocations);
        m.put("errors", errors);
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
        m.put("cold", Map.of("count", coldCount, "initDuration", round(initDuration),
                "restoreDuration", round(restoreDuration), "meanTotalDuration", round(coldTotalMean)));
        m.put("maxMemoryUsed", maxMemoryUsed);
        return m;
    }

    static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }
}
