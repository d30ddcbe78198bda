package dev.coldbrew.tuner.search;

/**
 * What the calls at one memory size say, as intervals: {@code duration} is the trimmed mean of the per-call
 * durations (ms), {@code cost} the price of the trimmed-mean billed duration (USD per invocation, request fee
 * included), Power Tuning's two figures.
 */
public record SizeEstimate(int memoryMb, TrimmedMeanInterval duration, TrimmedMeanInterval cost) {

    /**
     * Both intervals from per-call durations. Each call is billed {@code ceil(ms)}; as Power Tuning prices it, the
     * cost is that of the trimmed mean of the billed durations rounded up, and the interval's ends are rounded up
     * likewise (rounding up preserves order, so the percentiles carry over).
     */
    public static SizeEstimate of(int memoryMb, double[] durationsMs, double confidence, double pricePerGbSecond,
                                  double pricePerRequest) {
        double[] billed = new double[durationsMs.length];
        for (int i = 0; i < billed.length; i++) {
            billed[i] = Math.ceil(durationsMs[i]);
        }
        TrimmedMeanInterval billedMs = TrimmedMeanInterval.of(billed, TrimmedMeanInterval.POWER_TUNING_TRIM, confidence);
        TrimmedMeanInterval roundedUp = new TrimmedMeanInterval(Math.ceil(billedMs.estimate()),
                Math.ceil(billedMs.low()), Math.ceil(billedMs.high()), billedMs.n());
        return new SizeEstimate(memoryMb,
                TrimmedMeanInterval.of(durationsMs, TrimmedMeanInterval.POWER_TUNING_TRIM, confidence),
                roundedUp.scaled(costPerBilledMs(memoryMb, pricePerGbSecond), pricePerRequest));
    }

    /** USD per billed millisecond at {@code memoryMb}, without the request fee (as Pricing.costPerInvocation). */
    static double costPerBilledMs(int memoryMb, double pricePerGbSecond) {
        return memoryMb / 1024.0 / 1000.0 * pricePerGbSecond;
    }
}
