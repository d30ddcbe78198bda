package dev.coldbrew.tuner;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * {@code make bench-tuning}: the exhaustive sweep against the adaptive search on the local Lambda, side by side,
 * for each function given (the reference functions): the sweep measures every size of the grid with a fixed
 * number of calls, the search (--search adaptive --num auto) chooses its sizes and calls per strategy. Runs are
 * interleaved function by function, the order of the two methods alternating. Reported: invocations, billed
 * GB-seconds, each strategy's winner and its cost, and whether the search found the sweep's optimum (the same
 * size, or one within 2 % of the optimum by the sweep's own measurements).
 *
 * <p>Then the same for {@code make tune}'s own sizes ({@link TuningPlan#PROJECT_POWERS}): {@value #FIXED_CALLS} calls a
 * size, as make tune made them before {@code --num auto:8}, run twice to show how often such a run agrees with
 * itself, against {@code --num auto:8} (5 calls a size, up to 8 for contenders) on the same sizes, once per
 * strategy; each compared with the first fixed run. {@code -Dcoldbrew.benchPart=make-tune} runs only this part.
 */
public final class TuningBench {
    /**
     * The sweep's grid and calls: 23 sizes, a range where the local Lambda's CPU model still changes (2 cores), and
     * 30 calls a size, three times Power Tuning's default, so that the reference itself is decided where it can be.
     */
    private static final int MIN_MB = 128, MAX_MB = 3008, STEP_MB = 128, SWEEP_CALLS = 30;
    private static final double SAME_OPTIMUM = 0.02;
    /** make tune's calls per size before --num auto became its default. */
    private static final int FIXED_CALLS = 8;

    /** One method's outcome for one function and strategy. */
    record Outcome(String function, String method, String strategy, int winner, double cost, double duration,
                   int invocations, double gbSeconds, String verdict) {
    }

    private TuningBench() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("coldbrew.root", ".")).toAbsolutePath().normalize();
        Path build = root.resolve("target/lambda");
        List<String> functions = List.of(args);
        if (functions.isEmpty()) {
            throw new IllegalArgumentException("Name the functions to tune (make bench-tuning passes the reference functions).");
        }
        boolean makeTuneOnly = "make-tune".equals(System.getProperty("coldbrew.benchPart"));
        List<Integer> tunePowers = PowerValues.parse(TuningPlan.PROJECT_POWERS);
        List<Outcome> outcomes = new ArrayList<>();
        Map<String, FunctionReport> sweeps = new LinkedHashMap<>();
        List<Outcome> tuneOutcomes = new ArrayList<>();
        Map<String, FunctionReport> fixedRuns = new LinkedHashMap<>();
        try (EmbeddedLocal local = EmbeddedLocal.start(root.resolve("template.yaml"), build, Map.of());
             LambdaClient lambda = LambdaClients.local(local.endpoint())) {
            System.out.println("Local Lambda " + local.endpoint() + ", CPU limits: " + local.limits());
            for (int f = 0; f < functions.size(); f++) {
                String id = functions.get(f);
                byte[] exemplar = FunctionResolver.exemplarEvent(build, id).orElseThrow(() ->
                        new IllegalStateException("No exemplar for " + id + " in " + build + "; run make build."));
                FunctionTarget target = new FunctionTarget(id, id, id,
                        Payloads.expand(new String(exemplar, StandardCharsets.UTF_8), Math.max(SWEEP_CALLS, TuningPlan.AUTO_MAX_CALLS)));
                // Interleaved: the sweep first for even functions, the search first for odd ones.
                List<Runnable> runs = new ArrayList<>();
                if (!makeTuneOnly) {
                    runs.add(() -> sweeps.put(id, sweep(lambda, target)));
                    runs.add(() -> {
                        for (Strategy strategy : Strategy.all(new Strategy.Options())) {
                            outcomes.add(search(lambda, target, strategy));
                        }
                    });
                }
                runs.add(() -> fixedRuns.put(id, tune(lambda, TuningPlan.builder().powers(tunePowers).num(FIXED_CALLS).build(), target)));
                runs.add(() -> {
                    for (Strategy strategy : Strategy.all(new Strategy.Options())) {
                        TuningPlan plan = TuningPlan.builder().powers(tunePowers).numAuto(true).num(FIXED_CALLS)
                                .strategy(strategy).build();
                        tuneOutcomes.add(outcome(tune(lambda, plan, target), "num auto:" + FIXED_CALLS, strategy));
                    }
                });
                runs.add(() -> {
                    FunctionReport again = tune(lambda, TuningPlan.builder().powers(tunePowers).num(FIXED_CALLS).build(), target);
                    for (Strategy strategy : Strategy.all(new Strategy.Options())) {
                        tuneOutcomes.add(outcome(again, "num " + FIXED_CALLS + " again", strategy));
                    }
                });
                if (f % 2 == 1) {
                    java.util.Collections.reverse(runs);
                }
                runs.forEach(Runnable::run);
            }
        }
        for (FunctionReport sweep : sweeps.values()) {
            for (Strategy strategy : Strategy.all(new Strategy.Options())) {
                outcomes.add(outcome(sweep, "exhaustive", strategy));
            }
        }
        for (FunctionReport fixed : fixedRuns.values()) {
            for (Strategy strategy : Strategy.all(new Strategy.Options())) {
                tuneOutcomes.addFirst(outcome(fixed, "num " + FIXED_CALLS, strategy));
            }
        }
        Path dir = root.resolve("target/bench-tuning");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("grid", MIN_MB + "-" + MAX_MB + ":" + STEP_MB);
        json.put("sweepCalls", SWEEP_CALLS);
        if (!makeTuneOnly) {
            System.out.println("\nAdaptive search against the sweep of " + MIN_MB + "-" + MAX_MB + " MB every " + STEP_MB
                    + " MB, " + SWEEP_CALLS + " calls a size:");
            json.put("outcomes", report(outcomes, sweeps));
        }
        System.out.println("\nmake tune's sizes " + tunePowers + ": --num auto:" + FIXED_CALLS + " against " + FIXED_CALLS + " calls a size:");
        json.put("tunePowers", tunePowers);
        json.put("makeTune", report(tuneOutcomes, fixedRuns));
        Files.createDirectories(dir);
        Path file = dir.resolve(makeTuneOnly ? "make-tune.json" : "report.json");
        Files.writeString(file, JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(json) + "\n");
        System.out.println("\nReport: " + file);
    }

    private static FunctionReport sweep(LambdaClient lambda, FunctionTarget target) {
        List<Integer> grid = new ArrayList<>();
        for (int mb = MIN_MB; mb <= MAX_MB; mb += STEP_MB) {
            grid.add(mb);
        }
        return tune(lambda, TuningPlan.builder().powers(grid).num(SWEEP_CALLS).build(), target);
    }

    private static Outcome search(LambdaClient lambda, FunctionTarget target, Strategy strategy) {
        TuningPlan plan = TuningPlan.builder().powers(List.of(MIN_MB, MAX_MB)).adaptive(true).stepMb(STEP_MB)
                .numAuto(true).num(TuningPlan.AUTO_MAX_CALLS).strategy(strategy).build();
        return outcome(tune(lambda, plan, target), "adaptive", strategy);
    }

    private static FunctionReport tune(LambdaClient lambda, TuningPlan plan, FunctionTarget target) {
        FunctionReport report = new Tuner(lambda, plan, null, null, 1, Progress.Style.NONE, null).run(List.of(target)).getFirst();
        if (!report.succeeded()) {
            throw new IllegalStateException(target.displayName() + " could not be tuned: " + report.failure());
        }
        return report;
    }

    private static Outcome outcome(FunctionReport report, String method, Strategy strategy) {
        PowerResult winner = report.winner(strategy).orElseThrow();
        int invocations = report.results().stream().mapToInt(PowerResult::invocations).sum();
        Pricing pricing = report.pricing();
        double gbSeconds = report.results().stream()
                .mapToDouble(r -> (r.totalCost() - r.invocations() * pricing.pricePerRequest()) / pricing.pricePerGbSecond())
                .sum();
        return new Outcome(report.target().displayName(), method, strategy.id(), winner.power(), winner.cost(),
                winner.duration(), invocations, gbSeconds, report.verdict(strategy).map(v -> v.describe()).orElse(""));
    }

    /**
     * Whether the search found the sweep's optimum: the same size, or a size the sweep measured whose objective is
     * within 2 % of the sweep winner's (cost, duration, or the balanced score normalised as the sweep normalises).
     */
    static boolean sameOptimum(FunctionReport sweep, Strategy strategy, int found) {
        PowerResult best = sweep.winner(strategy).orElseThrow();
        if (best.power() == found) {
            return true;
        }
        List<PowerResult> measured = sweep.results().stream().filter(r -> !r.failed()).toList();
        Optional<PowerResult> at = measured.stream().filter(r -> r.power() == found).findFirst();
        if (at.isEmpty()) {
            return false;
        }
        double maxDuration = measured.stream().mapToDouble(PowerResult::duration).max().orElse(1);
        double maxCost = measured.stream().mapToDouble(PowerResult::cost).max().orElse(1);
        java.util.function.ToDoubleFunction<PowerResult> objective = r -> strategy.objective()
                .score(r.duration(), r.cost(), maxDuration, maxCost);
        return objective.applyAsDouble(at.get()) <= objective.applyAsDouble(best) * (1 + SAME_OPTIMUM);
    }

    /** Prints each outcome beside its reference run ({@code references}, by function) and returns them as rows. */
    private static List<Map<String, Object>> report(List<Outcome> outcomes, Map<String, FunctionReport> references) {
        System.out.printf(Locale.ROOT, "%-24s %-9s %-15s %8s %14s %12s %12s %-9s %s%n", "function", "strategy", "method",
                "winner", "cost/inv", "invocations", "GB-s", "optimum", "verdict");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Outcome o : outcomes) {
            FunctionReport sweep = references.get(o.function());
            Strategy strategy = Strategy.all(new Strategy.Options()).stream().filter(s -> s.id().equals(o.strategy())).findFirst().orElseThrow();
            boolean same = sameOptimum(sweep, strategy, o.winner());
            int sweepCalls = sweep.results().stream().mapToInt(PowerResult::invocations).sum();
            System.out.printf(Locale.ROOT, "%-24s %-9s %-15s %5d MB %14.10f %12d %12.2f %-9s %s%n", o.function(), o.strategy(),
                    o.method(), o.winner(), o.cost(), o.invocations(), o.gbSeconds(), same ? "same" : "DIFFERENT", o.verdict());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("function", o.function());
            row.put("strategy", o.strategy());
            row.put("method", o.method());
            row.put("winnerMb", o.winner());
            row.put("cost", o.cost());
            row.put("duration", PowerResult.round(o.duration()));
            row.put("invocations", o.invocations());
            row.put("invocationsShareOfReference", Math.round(1000.0 * o.invocations() / sweepCalls) / 1000.0);
            row.put("gbSeconds", Math.round(o.gbSeconds() * 100) / 100.0);
            row.put("sameOptimumAsReference", same);
            row.put("verdict", o.verdict());
            rows.add(row);
        }
        return rows;
    }
}
