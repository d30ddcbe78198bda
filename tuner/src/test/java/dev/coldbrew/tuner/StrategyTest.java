package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.tuner.search.SizeEstimate;
import dev.coldbrew.tuner.search.TrimmedMeanInterval;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StrategyTest {

    private static PowerResult result(int power, double duration, double cost) {
        return PowerResult.builder(power).invocations(10).duration(duration).billedDuration(duration)
                .cost(cost).totalCost(cost * 10).p50(duration).p90(duration).p99(duration)
                .warmCount(10).warmMean(duration).warmP50(duration).warmP90(duration).warmP99(duration)
                .maxMemoryUsed(64).interval(new SizeEstimate(power, point(duration), point(cost))).build();
    }

    /** An interval of no width: only the practical-tie rule (2 %) makes sizes equal. */
    private static TrimmedMeanInterval point(double value) {
        return new TrimmedMeanInterval(value, value, value, 10);
    }

    private static int winner(Strategy strategy, List<PowerResult> results) {
        return new FunctionReport(null, null, 0, results, null, List.of()).winner(strategy).orElseThrow().power();
    }

    private static PowerResult failed(int power) {
        return PowerResult.builder(power).invocations(1).errors(1).failure("Sandbox.Timedout").build();
    }

    // A CPU-bound shape: faster with memory, cheapest in the middle.
    private final List<PowerResult> cpu = List.of(
            failed(64 + 64),
            result(256, 1600, 6.7e-6),
            result(512, 800, 6.6e-6),
            result(1024, 400, 6.7e-6),
            result(2048, 260, 8.7e-6),
            result(3008, 250, 12.3e-6));

    @Test
    void costPicksTheCheapestAndSpeedTheFastestSkippingFailures() {
        // 256, 512 and 1024 MB cost within 2 % of each other: a practical tie, which the faster one wins.
        assertEquals(1024, winner(new Strategy.Cost(), cpu));
        assertEquals("tied with 256, 512 MB (the fastest)",
                new FunctionReport(null, null, 0, cpu, null, List.of()).verdict(new Strategy.Cost()).orElseThrow().describe());
        // 2048 MB is 4 % slower than 3008 MB: not a tie.
        assertEquals(3008, winner(new Strategy.Speed(), cpu));
    }

    @Test
    void ties() {
        List<PowerResult> tie = List.of(result(128, 10, 1e-6), result(256, 5, 1e-6), result(512, 5, 2e-6));
        assertEquals(256, winner(new Strategy.Cost(), tie));
        assertEquals(256, winner(new Strategy.Speed(), tie));
    }

    @Test
    void balancedFormulaScalesEachMetricByItsMaximum() {
        // w = 0.5: score = 0.5·cost/12.3e-6 + 0.5·duration/1600.
        // 1024: 0.5·0.5447 + 0.5·0.25 = 0.397; 2048: 0.5·0.7073 + 0.5·0.1625 = 0.435; 512: 0.268+0.25 = 0.518.
        assertEquals(1024, winner(new Strategy.Balanced(0.5), cpu));
        // Weight 0 behaves like speed; weight 1 like cost, but its ties go to the cheaper size.
        assertEquals(3008, winner(new Strategy.Balanced(0.0), cpu));
        assertEquals(512, winner(new Strategy.Balanced(1.0), cpu));
    }

    @Test
    void noCandidateGivesNoWinner() {
        assertTrue(new FunctionReport(null, null, 0, List.of(failed(128)), null, List.of()).winner(new Strategy.Cost()).isEmpty());
    }

    @Test
    void parsesNames() {
        List<Strategy> known = Strategy.all(new Strategy.Options());
        assertEquals(new Strategy.Balanced(0.5), Strategy.parse(" Balanced ", known));
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("cheap", known));
    }

    @Test
    void balancedWeightIsBetweenZeroAndOne() {
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new Strategy.Balanced(bad)).getMessage()
                    .contains("--balanced-weight must be between 0 and 1"));
        }
    }

    @Test
    void theCommandLineSetsEveryStrategysParametersWhicheverIsChosen() {
        Strategy.Options options = new Strategy.Options();
        new CommandLine(options).parseArgs("--strategy", "COST", "--balanced-weight", "0.9");
        assertEquals(new Strategy.Cost(), options.chosen());
        assertEquals(List.of(new Strategy.Cost(), new Strategy.Speed(), new Strategy.Balanced(0.9)), Strategy.all(options));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Strategy.parse("cheapest", Strategy.all(options)))
                .getMessage().contains("use cost, speed or balanced"));
    }

    @Test
    void reportsShowEveryStrategysWinnerAndTheChosenOnesParameters() {
        TuningPlan plan = TuningPlan.builder().strategy(new Strategy.Balanced(0.5)).build();
        FunctionReport report = new FunctionReport(new FunctionTarget("Fn", "Fn", "Fn", List.of()),
                Pricing.of(Pricing.Architecture.X86_64, "us-east-1"), 512, cpu, null, List.of());

        String console = ConsoleReport.render(report, plan);
        assertTrue(console.contains("    cost     ->  1024 MB"), console);
        assertTrue(console.contains("    speed    ->  3008 MB"), console);
        assertTrue(console.contains("  * balanced ->  1024 MB"), console);

        ReportWriter writer = new ReportWriter(plan, "test");
        Map<String, Object> json = writer.json(List.of(report));
        assertEquals(0.5, json.get("balancedWeight"));
        Map<?, ?> function = (Map<?, ?>) ((List<?>) json.get("functions")).get(0);
        assertEquals(1024, function.get("power"));
        assertEquals(List.of("cost", "speed", "balanced"), List.copyOf(((Map<?, ?>) function.get("winners")).keySet()));
        assertTrue(writer.html(List.of(report)).contains("strategy <b>balanced</b> (weight 0.5)"));
    }
}
