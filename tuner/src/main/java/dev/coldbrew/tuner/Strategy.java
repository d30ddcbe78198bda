package dev.coldbrew.tuner;

import dev.coldbrew.tuner.search.Objective;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What the winner is chosen for among the power values that did not fail (Power Tuning's three strategies);
 * the choice itself, with its confidence, is {@link dev.coldbrew.tuner.search.Verdict}'s.
 * Each strategy carries its own parameters, says how the command line sets them ({@link Options}) and how
 * the reports name them. A new strategy is a record here, its entry in {@link #all} and, when it has
 * parameters, their options in {@link Options}; the reports show every strategy's winner without knowing
 * any of them.
 */
public sealed interface Strategy {

    /** Its name on the command line ({@code --strategy}) and in the reports. */
    String id();

    /** The same objective for the confidence verdicts and the adaptive search ({@code dev.coldbrew.tuner.search}). */
    Objective objective();

    /** Its parameters as top-level fields of report.json, named as Power Tuning names them. */
    default Map<String, Object> reportFields() {
        return Map.of();
    }

    /** Its parameters in words for the report's header, such as "weight 0.5"; empty when it has none. */
    default String details() {
        return "";
    }

    /** Every known strategy, in report order, with the parameters the command line gave. */
    static List<Strategy> all(Options options) {
        return List.of(new Cost(), new Speed(), new Balanced(options.balancedWeight));
    }

    /** The strategy called {@code name} (any case, surrounding blanks ignored) among {@code known}. */
    static Strategy parse(String name, List<Strategy> known) {
        String id = name.strip().toLowerCase(Locale.ROOT);
        return known.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() -> {
            List<String> ids = known.stream().map(Strategy::id).toList();
            return new IllegalArgumentException("Unknown strategy '" + name + "'; use "
                    + String.join(", ", ids.subList(0, ids.size() - 1)) + " or " + ids.getLast() + ".");
        });
    }

    /** Cheapest; among equally cheap sizes, the fastest. */
    record Cost() implements Strategy {
        @Override
        public String id() {
            return "cost";
        }

        @Override
        public Objective objective() {
            return new Objective.Cost();
        }
    }

    /** Fastest; among equally fast sizes, the cheapest. */
    record Speed() implements Strategy {
        @Override
        public String id() {
            return "speed";
        }

        @Override
        public Objective objective() {
            return new Objective.Speed();
        }
    }

    /**
     * Least {@code weight·cost/maxCost + (1−weight)·duration/maxDuration}, each metric scaled by its own
     * maximum over the candidates: weight 0 is speed only, 1 cost only.
     */
    record Balanced(double weight) implements Strategy {
        public Balanced {
            if (!(weight >= 0 && weight <= 1)) {
                throw new IllegalArgumentException("--balanced-weight must be between 0 and 1 (got " + weight + ").");
            }
        }

        @Override
        public String id() {
            return "balanced";
        }

        @Override
        public Objective objective() {
            return new Objective.Balanced(weight);
        }

        @Override
        public Map<String, Object> reportFields() {
            return Map.of("balancedWeight", weight);
        }

        @Override
        public String details() {
            return "weight " + weight;
        }
    }

    /** The command line's choice of strategy and every strategy's own parameters. */
    final class Options {
        @Option(names = {"-s", "--strategy"}, paramLabel = "STRATEGY", description = "cost, speed or balanced. Default: ${DEFAULT-VALUE}.")
        String name = "balanced";

        @Option(names = "--balanced-weight", paramLabel = "W",
                description = "0 = speed only … 1 = cost only (balanced strategy). Default: ${DEFAULT-VALUE}.")
        double balancedWeight = 0.5;

        /** The strategy {@code --strategy} names, with its parameters. */
        Strategy chosen() {
            return parse(name, all(this));
        }
    }
}
