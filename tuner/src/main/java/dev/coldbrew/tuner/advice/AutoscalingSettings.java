package dev.coldbrew.tuner.advice;

/**
 * Provisioned-concurrency autoscaling as provisioned-concurrency/autoscaling.yaml sets it up: target tracking on
 * LambdaProvisionedConcurrencyUtilization between a floor and {@code maxCapacity}, and a scheduled floor of
 * {@code busyMinCapacity} in a daily busy window (UTC minutes of the day; the simulated day is a weekday).
 */
public record AutoscalingSettings(int minCapacity, int maxCapacity, int busyMinCapacity,
                                  int busyStartMinute, int busyEndMinute, double targetUtilization) {
    /** The template's defaults: 1 to 10, floor 2 from 08:00 to 18:00, target 0.7. */
    public static final AutoscalingSettings TEMPLATE_DEFAULTS = new AutoscalingSettings(1, 10, 2, 8 * 60, 18 * 60, 0.7);

    public AutoscalingSettings {
        if (minCapacity < 0 || busyMinCapacity < 0 || maxCapacity < 1 || maxCapacity < Math.max(minCapacity, busyMinCapacity)) {
            throw new IllegalArgumentException("Autoscaling capacities must satisfy 0 <= min, busy min <= max and max >= 1; got min "
                    + minCapacity + ", busy min " + busyMinCapacity + ", max " + maxCapacity + ".");
        }
        if (targetUtilization <= 0 || targetUtilization >= 1) {
            throw new IllegalArgumentException("The target utilisation must be between 0 and 1; got " + targetUtilization + ".");
        }
        if (busyStartMinute < 0 || busyEndMinute > 24 * 60 || busyEndMinute < busyStartMinute) {
            throw new IllegalArgumentException("The busy window must lie within one day.");
        }
    }

    /** The floor scheduled actions set at {@code minute} of the day. */
    public int floorAt(int minute) {
        return minute >= busyStartMinute && minute < busyEndMinute ? busyMinCapacity : minCapacity;
    }
}
