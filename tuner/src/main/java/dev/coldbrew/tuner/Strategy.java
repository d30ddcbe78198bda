package dev.coldbrew.tuner;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How the winner is chosen among the power values that did not fail (Power Tuning's three strategies). */
public enum Strategy {
    COST, SPEED, BALANCED;

    public static Strategy parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown strategy '" + text + "'; use cost, speed or balanced.");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The winner. cost: cheapest, ties to the faster; speed: fastest, ties to the cheaper; balanced: least
     * {@code w·cost/maxCost + (1−w)·duration/maxDuration}, each metric scaled by its own maximum.
     */
    public Optional<PowerResult> pick(List<PowerResult> results, double balancedWeight) {
        List<PowerResult> candidates = results.stream().filter(r -> !r.failed() && r.duration() > 0).toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        Comparator<PowerResult> order = switch (this) {
            case COST -> Comparator.comparingDouble(PowerResult::cost).thenComparingDouble(PowerResult::duration);
            case SPEED -> Comparator.comparingDouble(PowerResult::duration).thenComparingDouble(PowerResult::cost);
            case BALANCED -> {
                double maxCost = candidates.stream().mapToDouble(PowerResult::cost).max().orElse(1);
                double maxDuration = candidates.stream().mapToDouble(PowerResult::duration).max().orElse(1);
                yield Comparator.comparingDouble((PowerResult r) ->
                        balancedWeight * r.cost() / maxCost + (1 - balancedWeight) * r.duration() / maxDuration);
            }
        };
        return candidates.stream().min(order.thenComparingInt(PowerResult::power));
    }
}
