package dev.coldbrew.tuner.advice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Chooses a cold-start strategy for one function and one traffic profile: it simulates the day under on-demand,
 * SnapStart (where the function can take it), provisioned concurrency fixed at each useful N, and provisioned
 * concurrency with the template's autoscaling, then picks the cheapest, or the cheapest whose p99 latency meets
 * the SLO. A SLO that no strategy meets is a result: the closest strategy is named.
 */
public final class Advisor {
    /** Fixed provisioned concurrency is tried at up to this many values of N, from 1 to the peak concurrency. */
    private static final int MAX_PROVISIONED_VALUES = 16;
    /** Monthly costs this close to the cheapest count as the same: a share of it, or an amount. */
    private static final double COST_TIE = 0.05, COST_TIE_USD = 0.10;
    /** p99 latencies this close to the lowest count as the same. */
    private static final double P99_TIE = 0.05;

    /**
     * The advice for one function and traffic profile.
     *
     * @param strategies      one result per kind of strategy (fixed provisioned concurrency at its best N)
     * @param provisionedSweep every fixed N that was simulated
     * @param sloMet          false when a SLO was given and nothing meets it
     */
    public record Advice(FunctionFigures figures, String traffic, int requestsPerDay, Double p99SloMs,
                         List<PoolSimulator.Result> strategies, List<PoolSimulator.Result> provisionedSweep,
                         PoolSimulator.Result recommended, boolean sloMet, String verdict) {
    }

    private final PoolSimulator simulator;

    public Advisor(PoolSimulator simulator) {
        this.simulator = simulator;
    }

    public Advice advise(FunctionFigures figures, TrafficProfile traffic, AutoscalingSettings autoscaling, Double p99SloMs) {
        if (p99SloMs != null && p99SloMs <= 0) {
            throw new IllegalArgumentException("--p99-slo must be a positive number of milliseconds; got " + p99SloMs + ".");
        }
        List<PoolSimulator.Result> strategies = new ArrayList<>();
        PoolSimulator.Result onDemand = simulator.run(figures, traffic, new ColdStartStrategy.OnDemand());
        strategies.add(onDemand);
        if (figures.snapStartAllowed()) {
            strategies.add(simulator.run(figures, traffic, new ColdStartStrategy.SnapStart()));
        }
        List<PoolSimulator.Result> sweep = new ArrayList<>();
        for (int n : provisionedValues(Math.max(1, onDemand.peakConcurrency()))) {
            sweep.add(simulator.run(figures, traffic, new ColdStartStrategy.Provisioned(n)));
        }
        strategies.add(choose(sweep, p99SloMs));
        strategies.add(simulator.run(figures, traffic, new ColdStartStrategy.Autoscaled(autoscaling)));

        PoolSimulator.Result recommended = choose(strategies, p99SloMs);
        boolean sloMet = p99SloMs == null || recommended.p99Ms() <= p99SloMs;
        return new Advice(figures, traffic.name(), traffic.requestCount(), p99SloMs, List.copyOf(strategies),
                List.copyOf(sweep), recommended, sloMet, verdict(recommended, p99SloMs, sloMet, figures));
    }

    /**
     * The cheapest that meets the SLO; without a SLO the cheapest; if none meets it, the lowest p99. Costs within
     * 5 % (or 10 cents a month) of the cheapest are a tie. Among tied strategies the faster ones win (p99 within
     * 5 % of the lowest), and among those a measured result before an estimate, then the cheaper: a few cents are
     * not worth a slower cold start, and an assumed restore is not worth a few cents.
     */
    static PoolSimulator.Result choose(List<PoolSimulator.Result> results, Double p99SloMs) {
        List<PoolSimulator.Result> meeting = p99SloMs == null ? results
                : results.stream().filter(r -> r.p99Ms() <= p99SloMs).toList();
        if (meeting.isEmpty()) {
            return results.stream().min(Comparator.comparingDouble(PoolSimulator.Result::p99Ms)
                    .thenComparingDouble(PoolSimulator.Result::monthlyCostUsd)).orElseThrow();
        }
        double cheapest = meeting.stream().mapToDouble(PoolSimulator.Result::monthlyCostUsd).min().orElseThrow();
        double tie = Math.max(COST_TIE_USD, cheapest * COST_TIE);
        List<PoolSimulator.Result> tied = meeting.stream().filter(r -> r.monthlyCostUsd() <= cheapest + tie).toList();
        double fastest = tied.stream().mapToDouble(PoolSimulator.Result::p99Ms).min().orElseThrow();
        return tied.stream().filter(r -> r.p99Ms() <= fastest * (1 + P99_TIE))
                .min(Comparator.comparing(PoolSimulator.Result::estimate)
                        .thenComparingDouble(PoolSimulator.Result::monthlyCostUsd)).orElseThrow();
    }

    /** 1 to {@code peak}, every value while there are few, else spread evenly with both ends kept. */
    static List<Integer> provisionedValues(int peak) {
        List<Integer> values = new ArrayList<>();
        if (peak <= MAX_PROVISIONED_VALUES) {
            for (int n = 1; n <= peak; n++) {
                values.add(n);
            }
            return values;
        }
        for (int i = 0; i < MAX_PROVISIONED_VALUES; i++) {
            int n = 1 + (int) Math.round((double) i * (peak - 1) / (MAX_PROVISIONED_VALUES - 1));
            if (values.isEmpty() || values.getLast() != n) {
                values.add(n);
            }
        }
        return values;
    }

    private static String verdict(PoolSimulator.Result chosen, Double p99SloMs, boolean sloMet, FunctionFigures figures) {
        String estimate = chosen.estimate() ? " (an estimate: it assumes a SnapStart restore of " + format(figures.restoreMs())
                + " ms)" : "";
        String cost = String.format(Locale.ROOT, "$%.2f a month, p99 %s ms", chosen.monthlyCostUsd(), format(chosen.p99Ms()));
        if (p99SloMs == null) {
            return "cheapest: " + chosen.strategy().label() + ", " + cost + estimate;
        }
        if (sloMet) {
            return "cheapest with p99 <= " + format(p99SloMs) + " ms: " + chosen.strategy().label() + ", " + cost + estimate;
        }
        return "no strategy meets p99 <= " + format(p99SloMs) + " ms; closest: " + chosen.strategy().label() + ", " + cost + estimate;
    }

    static String format(double ms) {
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : "%.1f", ms);
    }
}
