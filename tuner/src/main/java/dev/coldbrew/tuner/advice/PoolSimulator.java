package dev.coldbrew.tuner.advice;

import dev.coldbrew.tuner.Pricing;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Lambda's pool of execution environments for one function over one day of arrivals, under one cold-start
 * strategy. A request takes a free provisioned environment if there is one, else the most recently used free
 * on-demand one, else it starts a new environment (a cold start). What this model assumes, each a stated,
 * tunable choice (docs/tuning.md):
 * <ul>
 *   <li>an idle on-demand environment is reclaimed after {@link Assumptions#idleMinutes()} (Lambda does not
 *       publish this);</li>
 *   <li>warm durations are log-normal with the measured p50 and p99;</li>
 *   <li>a cold request's own duration is the measured first invoke;</li>
 *   <li>target tracking scales out after 3 one-minute datapoints above the target and in after 15 below (the two
 *       alarms it creates), a minute with no invocation gives no datapoint, and new provisioned environments are
 *       ready {@link Assumptions#allocationDelayMinutes()} after the decision; a minute's utilisation counts each
 *       request's duration in the minute it started;</li>
 *   <li>Lambda's periodic recycling of environments, its scaling limits and the free tier are left out.</li>
 * </ul>
 * Costs follow {@link Pricing}: the request fee; on-demand duration including INIT (billed since August 2025) or
 * the billed part of a restore; provisioned environments' allocation by the second and the duration of the
 * requests they serve; each provisioned environment's INIT at the provisioned duration price.
 */
public final class PoolSimulator {
    private static final double Z_99 = 2.3263;
    private static final long MINUTE_MS = 60_000;

    /** The model's free parameters; {@link #DEFAULT} is what docs/tuning.md states. */
    public record Assumptions(double idleMinutes, double allocationDelayMinutes, int daysPerMonth, long seed) {
        public static final Assumptions DEFAULT = new Assumptions(10, 2, 30, 42);

        public Assumptions {
            if (idleMinutes <= 0 || allocationDelayMinutes < 0 || daysPerMonth < 1) {
                throw new IllegalArgumentException("The idle time must be positive and the allocation delay not negative.");
            }
        }
    }

    /**
     * One strategy over the day: what it costs (scaled to a month), how many requests waited for a cold start,
     * the latency the caller sees, and for provisioned concurrency the hourly mean of provisioned environments and
     * of their utilisation. {@code estimate} marks results that rest on an assumed restore time.
     */
    public record Result(ColdStartStrategy strategy, int requests, int coldStarts, double p50Ms, double p99Ms,
                         double monthlyCostUsd, int peakConcurrency, double[] provisionedByHour,
                         double[] utilizationByHour, boolean estimate) {
        public double coldStartShare() {
            return requests == 0 ? 0 : (double) coldStarts / requests;
        }
    }

    private final Assumptions assumptions;

    public PoolSimulator(Assumptions assumptions) {
        this.assumptions = assumptions;
    }

    public Result run(FunctionFigures figures, TrafficProfile traffic, ColdStartStrategy strategy) {
        return new Day(figures, traffic, strategy).simulate();
    }

    /** The state of one simulated day. */
    private final class Day {
        private final FunctionFigures figures;
        private final long[] arrivals;
        private final ColdStartStrategy strategy;
        private final boolean snapStart;
        private final AutoscalingSettings autoscaling;
        private final SplittableRandom random;
        private final double sigma;

        private double[] provisionedBusyUntil;
        private int capacity;
        private double[] onDemandBusyUntil = new double[16];
        private int onDemandCount;

        private int minute;
        private int floor;
        private int pendingCapacity = -1;
        private int pendingAtMinute;
        private int above;
        private int below;
        private final double[] minuteProvisionedBusyMs = new double[24 * 60];
        private final boolean[] minuteHasInvocations = new boolean[24 * 60];
        private final double[] minuteCapacity = new double[24 * 60];

        private double onDemandBilledMs;
        private double provisionedDurationMs;
        private double provisionedInitMs;
        private int coldStarts;
        private int peakConcurrency;

        Day(FunctionFigures figures, TrafficProfile traffic, ColdStartStrategy strategy) {
            this.figures = figures;
            this.arrivals = traffic.arrivalsMs();
            this.strategy = strategy;
            this.snapStart = strategy instanceof ColdStartStrategy.SnapStart;
            this.autoscaling = strategy instanceof ColdStartStrategy.Autoscaled a ? a.settings() : null;
            this.random = new SplittableRandom(assumptions.seed());
            this.sigma = figures.warmP99Ms() > figures.warmP50Ms()
                    ? Math.log(figures.warmP99Ms() / figures.warmP50Ms()) / Z_99 : 0;
            if (snapStart && !figures.snapStartAllowed()) {
                throw new IllegalArgumentException(figures.function() + " cannot use SnapStart: " + figures.snapStartRefusal());
            }
            int maxCapacity = switch (strategy) {
                case ColdStartStrategy.Provisioned p -> p.environments();
                case ColdStartStrategy.Autoscaled a -> a.settings().maxCapacity();
                default -> 0;
            };
            provisionedBusyUntil = new double[maxCapacity];
            if (strategy instanceof ColdStartStrategy.Provisioned p) {
                resize(p.environments());
            } else if (autoscaling != null) {
                floor = autoscaling.floorAt(0);
                resize(floor);
            }
        }

        Result simulate() {
            float[] latencies = new float[arrivals.length];
            for (int i = 0; i < arrivals.length; i++) {
                double now = arrivals[i];
                advanceTo((int) Math.min(24 * 60 - 1, arrivals[i] / MINUTE_MS));
                latencies[i] = (float) serve(now);
            }
            advanceTo(24 * 60);
            Arrays.sort(latencies);
            double gb = figures.memoryMb() / 1024.0;
            Pricing pricing = figures.pricing();
            double provisionedEnvironmentSeconds = Arrays.stream(minuteCapacity).sum() * 60;
            double day = arrivals.length * pricing.pricePerRequest()
                    + onDemandBilledMs / 1000 * gb * pricing.pricePerGbSecond()
                    + (provisionedDurationMs + provisionedInitMs) / 1000 * gb * pricing.provisionedDurationPerGbSecond()
                    + provisionedEnvironmentSeconds * gb * pricing.provisionedPerGbSecond();
            boolean provisioned = strategy instanceof ColdStartStrategy.Provisioned || autoscaling != null;
            return new Result(strategy, arrivals.length, coldStarts, percentile(latencies, 0.50), percentile(latencies, 0.99),
                    day * assumptions.daysPerMonth(), peakConcurrency,
                    provisioned ? hourlyMean(minuteCapacity) : null,
                    provisioned ? hourlyUtilization(minuteProvisionedBusyMs, minuteCapacity) : null,
                    snapStart && (figures.restoreEstimated() || figures.restoredFirstInvokeEstimated()));
        }

        /** Serves one request arriving at {@code now}; returns its latency. */
        private double serve(double now) {
            double warm = figures.warmP50Ms() * Math.exp(sigma * gaussian());
            minuteHasInvocations[minute] = true;
            int busy = 0;
            int free = -1;
            for (int e = 0; e < capacity; e++) {
                if (provisionedBusyUntil[e] <= now) {
                    free = free < 0 ? e : free;
                } else {
                    busy++;
                }
            }
            if (free >= 0) {
                provisionedBusyUntil[free] = now + warm;
                provisionedDurationMs += Math.ceil(warm);
                minuteProvisionedBusyMs[minute] += warm;
                peakConcurrency = Math.max(peakConcurrency, busy + 1 + busyOnDemand(now));
                return warm;
            }
            minuteProvisionedBusyMs[minute] += capacity > 0 ? warm : 0; // a full pool counts as fully used
            // The most recently used free on-demand environment; idle ones past the limit are gone.
            double idleLimit = assumptions.idleMinutes() * MINUTE_MS;
            int chosen = -1;
            for (int e = 0; e < onDemandCount; e++) {
                double busyUntil = onDemandBusyUntil[e];
                if (busyUntil <= now && now - busyUntil > idleLimit) {
                    onDemandBusyUntil[e--] = onDemandBusyUntil[--onDemandCount];
                } else if (busyUntil <= now && (chosen < 0 || busyUntil > onDemandBusyUntil[chosen])) {
                    chosen = e;
                } else if (busyUntil > now) {
                    busy++;
                }
            }
            double latency;
            double billed;
            if (chosen >= 0) {
                latency = warm;
                billed = Math.ceil(warm);
            } else {
                coldStarts++;
                if (snapStart) {
                    latency = figures.restoreMs() + figures.restoredFirstInvokeMs();
                    billed = Math.ceil(figures.billedRestoreMs() + figures.restoredFirstInvokeMs());
                } else {
                    latency = figures.initMs() + figures.firstInvokeMs();
                    billed = Math.ceil(latency);
                }
                if (onDemandCount == onDemandBusyUntil.length) {
                    onDemandBusyUntil = Arrays.copyOf(onDemandBusyUntil, onDemandCount * 2);
                }
                chosen = onDemandCount++;
            }
            onDemandBusyUntil[chosen] = now + latency;
            onDemandBilledMs += billed;
            peakConcurrency = Math.max(peakConcurrency, busy + 1);
            return latency;
        }

        private int busyOnDemand(double now) {
            int busy = 0;
            for (int e = 0; e < onDemandCount; e++) {
                busy += onDemandBusyUntil[e] > now ? 1 : 0;
            }
            return busy;
        }

        /** Closes every minute before {@code target}: its capacity, then autoscaling's decisions at its end. */
        private void advanceTo(int target) {
            while (minute < target) {
                minuteCapacity[minute] = capacity;
                if (autoscaling != null) {
                    decide();
                }
                minute++;
                if (autoscaling != null && minute < 24 * 60) {
                    schedule();
                }
            }
        }

        /** Target tracking at the end of {@code minute}. */
        private void decide() {
            if (!minuteHasInvocations[minute]) {
                return; // no datapoint: neither alarm moves
            }
            double utilization = capacity == 0 ? 1 : Math.min(1, minuteProvisionedBusyMs[minute] / (capacity * (double) MINUTE_MS));
            double target = autoscaling.targetUtilization();
            above = utilization > target ? above + 1 : 0;
            below = utilization < target ? below + 1 : 0;
            int desired = (int) Math.ceil(Math.max(capacity, 1) * utilization / target);
            if (above >= 3) {
                above = 0;
                request(Math.min(autoscaling.maxCapacity(), desired));
            } else if (below >= 15) {
                below = 0;
                int lower = Math.max(floor, desired);
                if (lower < capacity) {
                    resize(lower);
                }
            }
        }

        /** Scheduled actions and allocations that complete at the start of {@code minute}. */
        private void schedule() {
            int newFloor = autoscaling.floorAt(minute);
            if (newFloor != floor) {
                floor = newFloor;
                request(floor);
            }
            if (pendingCapacity >= 0 && minute >= pendingAtMinute) {
                if (pendingCapacity > capacity) {
                    resize(pendingCapacity);
                }
                pendingCapacity = -1;
            }
        }

        /** Asks for more environments; they are ready after the allocation delay. */
        private void request(int environments) {
            if (environments > capacity && environments > pendingCapacity) {
                pendingCapacity = environments;
                pendingAtMinute = minute + (int) Math.ceil(assumptions.allocationDelayMinutes());
            }
        }

        /** Sets the provisioned capacity; new environments are initialised (and billed) before they serve. */
        private void resize(int environments) {
            if (environments > capacity) {
                provisionedInitMs += (environments - capacity) * Math.ceil(figures.initMs());
                for (int e = capacity; e < environments; e++) {
                    provisionedBusyUntil[e] = 0;
                }
            }
            capacity = environments;
        }

        private double gaussian() {
            // Box-Muller on the seeded generator, so a run is reproducible.
            double u = 1 - random.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
        }
    }

    private static double[] hourlyMean(double[] perMinute) {
        double[] hours = new double[24];
        for (int m = 0; m < perMinute.length; m++) {
            hours[m / 60] += perMinute[m] / 60;
        }
        return hours;
    }

    /** Per hour: the time provisioned environments were busy over the time they were provisioned. */
    private static double[] hourlyUtilization(double[] busyMs, double[] capacity) {
        double[] hours = new double[24];
        for (int h = 0; h < 24; h++) {
            double busy = 0;
            double provisioned = 0;
            for (int m = h * 60; m < (h + 1) * 60; m++) {
                busy += busyMs[m];
                provisioned += capacity[m] * MINUTE_MS;
            }
            hours[h] = provisioned == 0 ? 0 : Math.min(1, busy / provisioned);
        }
        return hours;
    }

    private static double percentile(float[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
