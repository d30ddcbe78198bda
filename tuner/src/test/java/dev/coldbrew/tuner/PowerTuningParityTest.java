package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.lambda.report.ReportLine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/** The Power Tuning inputs that need no emulator: qualifiers, allowed error types, output results, the alias to move. */
class PowerTuningParityTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "my-fn                                                        | my-fn                                                 | -",
            "my-fn:live                                                   | my-fn                                                 | live",
            "my-fn:7                                                      | my-fn                                                 | 7",
            "my-fn:$LATEST                                                | my-fn                                                 | -",
            "arn:aws:lambda:eu-west-1:123456789012:function:my-fn         | arn:aws:lambda:eu-west-1:123456789012:function:my-fn | -",
            "arn:aws:lambda:eu-west-1:123456789012:function:my-fn:prod    | arn:aws:lambda:eu-west-1:123456789012:function:my-fn | prod",
            "123456789012:function:my-fn:3                                | 123456789012:function:my-fn                           | 3",
    })
    void aFunctionNameIsTakenApartAsTheLambdaApiReadsIt(String asked, String function, String qualifier) {
        assertEquals(new FunctionResolver.Named(function, qualifier), FunctionResolver.parse(asked));
        assertEquals("my-fn", FunctionResolver.plainName(function));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "my-fn:a:b                                           | Cannot read --function 'my-fn:a:b'",
            "my-fn:                                              | Bad qualifier '' in --function 'my-fn:'",
            "my-fn:bad.alias                                     | Bad qualifier 'bad.alias'",
            "arn:aws:lambda:eu-west-1:123456789012:layer:x       | Cannot read --function",
            "arn:aws:lambda:eu-west-1:123456789012:function:f:a:b | Cannot read --function",
    })
    void aBadQualifierIsBadInput(String asked, String message) {
        UsageException e = assertThrows(UsageException.class, () -> FunctionResolver.parse(asked));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    private static GetFunctionConfigurationResponse.Builder config() {
        return GetFunctionConfigurationResponse.builder().codeSha256("abc=").runtime("java21").handler("a.B::handle")
                .architecturesWithStrings("x86_64").timeout(10).memorySize(512)
                .environment(e -> e.variables(Map.of("A", "1"))).layers(l -> l.arn("arn:layer:1"))
                .snapStart(s -> s.applyOn("None"));
    }

    @Test
    void aVersionDiffersFromLatestInWhatItRunsNotInItsMemory() {
        GetFunctionConfigurationResponse latest = config().build();
        assertEquals(List.of(), FunctionResolver.differences(latest, config().memorySize(3008).version("7").build()));
        assertEquals(List.of("code (CodeSha256)"), FunctionResolver.differences(latest, config().codeSha256("def=").build()));
        assertEquals(List.of("Environment", "Timeout"), FunctionResolver.differences(latest,
                config().environment(e -> e.variables(Map.of("A", "2"))).timeout(30).build()));
        assertEquals(List.of("Handler", "Layers"), FunctionResolver.differences(latest,
                config().handler("a.C::handle").layers(l -> l.arn("arn:layer:2")).build()));
    }

    @Test
    void anAllowedTypeMatchesTheErrorTypeOrAJavaClassesSimpleName() {
        TuningPlan plan = TuningPlan.builder().allowedExceptions(List.of("InvalidEventException", "Runtime.ExitError")).build();
        assertTrue(plan.allows("InvalidEventException"));
        assertTrue(plan.allows("dev.coldbrew.runtime.InvalidEventException"));
        assertTrue(plan.allows("Runtime.ExitError"));
        assertFalse(plan.allows("EventException"));
        assertFalse(plan.allows("dev.coldbrew.runtime.OtherInvalidEventException"));
        assertFalse(plan.allows("Sandbox.Timedout"));
        assertFalse(TuningPlan.builder().build().allows("InvalidEventException"));
    }

    @Test
    void outputResultsAddPowerTuningsNamesToEachMeasuredSize() {
        Pricing pricing = Pricing.of(Pricing.Architecture.X86_64, "us-east-1");
        PowerResult measured = PowerResult.of(512, List.of(new Invocation(512, ReportLine.measured("a", 20, 512, 90, 0),
                "InvalidEventException", "bad", true)), pricing, 0, null);
        PowerResult skipped = PowerResult.of(128, List.of(new Invocation(128, null, "Sandbox.Timedout", "")), pricing, 0, "timed out");
        FunctionReport report = new FunctionReport(new FunctionTarget("Fn", "Fn", "Fn", List.of()), pricing, 512,
                List.of(skipped, measured), null, List.of());
        TuningPlan plan = TuningPlan.builder().build();

        List<?> plain = (List<?>) function(new ReportWriter(plan, "test").json(List.of(report))).get("stats");
        assertFalse(((Map<?, ?>) plain.get(1)).containsKey("averagePrice"));
        assertEquals(1, ((Map<?, ?>) plain.get(1)).get("allowedErrors"));

        List<?> stats = (List<?>) function(new ReportWriter(plan, "test", true).json(List.of(report))).get("stats");
        Map<?, ?> failed = (Map<?, ?>) stats.get(0), ok = (Map<?, ?>) stats.get(1);
        assertEquals(128, failed.get("value"));
        assertFalse(failed.containsKey("averagePrice") || failed.containsKey("averageDuration"), "not measured: " + failed);
        assertEquals(512, ok.get("value"));
        assertEquals(measured.cost(), ok.get("averagePrice"));
        assertEquals(measured.duration(), ok.get("averageDuration"));
        assertTrue(ConsoleReport.render(report, plan).contains("  allowed errors, measured: 512 MB 1"));
        assertEquals(measured.totalCost(), function(new ReportWriter(plan, "test").json(List.of(report))).get("lambdaCost"));
    }

    private static Map<?, ?> function(Map<String, Object> json) {
        return (Map<?, ?>) ((List<?>) json.get("functions")).get(0);
    }

    @Test
    void autoOptimizeMovesTheQualifiersAliasUnlessAliasIsGiven() {
        FunctionTarget plain = new FunctionTarget("f", "f", null, List.of());
        FunctionTarget aliased = new FunctionTarget("f:blue", "f", null, List.of(), new FunctionTarget.Qualifier("blue", "3", 512));
        FunctionTarget version = new FunctionTarget("f:3", "f", null, List.of(), new FunctionTarget.Qualifier("3", "3", 512));
        OutputOptions defaults = new OutputOptions();
        assertEquals("live", defaults.alias(plain));
        assertEquals("blue", defaults.alias(aliased));
        assertEquals("live", defaults.alias(version), "a version number is no alias to move");
        OutputOptions given = new OutputOptions();
        new CommandLine(given).parseArgs("--alias", "prod");
        assertEquals("prod", given.alias(aliased));
    }
}
