package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.lambda.report.ReportLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cold-start figures as the console, report.json and report.html show them, from hand-made REPORT records. */
class ColdStartReportTest {
    static final Pricing PRICING = Pricing.of(Pricing.Architecture.X86_64, "us-east-1");
    static final TuningPlan ONLY_COLD = TuningPlan.builder().powers(List.of(128, 1024)).num(3).onlyColdStarts(true)
            .strategy(new Strategy.Cost()).build();

    /** {@code n} cold starts: the init flat across sizes, the first invoke slower at small memory. */
    static PowerResult onDemand(int power, int n, double initMs, double firstInvokeMs) {
        List<Invocation> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(new Invocation(power, ReportLine.measured("c" + i, firstInvokeMs + i, power, 90, initMs + 10 * i),
                    null, null));
        }
        return PowerResult.of(power, calls, PRICING, 0, null);
    }

    static PowerResult snapStart(int power, double restoreMs, double firstInvokeMs) {
        ReportLine restored = new ReportLine("s", firstInvokeMs, (long) Math.ceil(firstInvokeMs), power, 90, 0, restoreMs,
                (long) Math.ceil(restoreMs / 3), null, null, false);
        return PowerResult.of(power, List.of(new Invocation(power, restored, null, null)), PRICING, 0, null);
    }

    static FunctionReport report(String name, PowerResult... results) {
        return new FunctionReport(new FunctionTarget(name, name, name, List.of()), PRICING, 512, List.of(results),
                null, List.of());
    }

    /** The console text with every run of spaces as one, so tests check what is shown, not the padding. */
    static String columns(String console) {
        return console.replaceAll(" +", " ");
    }

    @Test
    void consoleShowsAColdStartTableNamingTheKind() {
        String console = columns(ConsoleReport.render(report("Fn", onDemand(128, 3, 400, 250), onDemand(1024, 3, 400, 30)),
                ONLY_COLD));
        assertTrue(console.contains("\n 128 MB 661.0 ms 661.0 ms 672.0 ms 672.0 ms - "), "no warm call, no warm mean: " + console);
        assertTrue(console.contains(" cold starts: on-demand (Init Duration)\n"), console);
        // init 400, 410, 420; first invoke 250, 251, 252; cold start 650, 661, 672.
        assertTrue(console.contains("\n memory cold kind init p50 init p90 first invoke p50 cold start p50\n"), console);
        assertTrue(console.contains("\n 128 MB 3 on-demand 410.0 ms 420.0 ms 251.0 ms 661.0 ms\n"), console);
        assertTrue(console.contains("\n 1024 MB 3 on-demand 410.0 ms 420.0 ms 31.0 ms 441.0 ms\n"), console);

        String restored = columns(ConsoleReport.render(report("Fn", snapStart(1024, 300, 40)), ONLY_COLD));
        assertTrue(restored.contains(" cold starts: SnapStart (Restore Duration)\n"), restored);
        assertTrue(restored.contains(" restore p50 restore p90 "), restored);
        assertTrue(restored.contains("\n 1024 MB 1 SnapStart 300.0 ms 300.0 ms 40.0 ms 340.0 ms\n"), restored);

        String mixed = ConsoleReport.render(report("Fn", onDemand(128, 1, 400, 250), snapStart(1024, 300, 40)), ONLY_COLD);
        assertTrue(mixed.contains("  cold starts: mixed (on-demand and SnapStart)\n"), mixed);
        assertTrue(mixed.contains("init/restore p50"), mixed);
    }

    @Test
    void noColdStartTableWithoutColdStarts() {
        PowerResult skipped = PowerResult.of(128, List.of(new Invocation(128, null, "Sandbox.Timedout", "")), PRICING, 0,
                "Sandbox.Timedout");
        String console = ConsoleReport.render(report("Fn", skipped), ONLY_COLD);
        assertFalse(console.contains("cold starts"), console);
    }

    @Test
    void reportJsonNamesTheKindPerFunctionAndPerMemorySize() {
        Map<String, Object> json = new ReportWriter(ONLY_COLD, "test").json(List.of(
                report("OnDemandFn", onDemand(128, 3, 400, 250)), report("SnapStartFn", snapStart(1024, 300, 40))));
        List<?> functions = (List<?>) json.get("functions");
        Map<?, ?> onDemandFn = (Map<?, ?>) functions.get(0), snapStartFn = (Map<?, ?>) functions.get(1);
        assertEquals("on-demand", onDemandFn.get("coldStartKind"));
        assertEquals("SnapStart", snapStartFn.get("coldStartKind"));
        Map<?, ?> cold = (Map<?, ?>) ((Map<?, ?>) ((List<?>) onDemandFn.get("stats")).get(0)).get("cold");
        assertEquals(3, cold.get("count"));
        assertEquals("on-demand", cold.get("kind"));
        assertEquals(410.0, cold.get("initOrRestoreP50"));
        assertEquals(420.0, cold.get("initOrRestoreP90"));
        assertEquals(251.0, cold.get("firstInvokeP50"));
        assertEquals(661.0, cold.get("coldStartP50"));
    }

    @Test
    void reportHtmlHasAColdStartTableAndStackedBarsPerMemorySize() {
        PowerResult small = onDemand(128, 3, 400, 250), large = onDemand(1024, 3, 400, 30);
        String html = new ReportWriter(ONLY_COLD, "test").html(List.of(report("Fn", small, large)));
        assertTrue(html.contains("cold starts: on-demand (Init Duration)"), html);
        assertTrue(html.contains("<caption>Cold starts: on-demand (Init Duration)</caption>"), html);
        assertTrue(html.contains("<td>128</td><td>3</td><td>on-demand</td><td>410.0 ms</td><td>420.0 ms</td>"
                + "<td>251.0 ms</td><td>661.0 ms</td>"), html);
        assertEquals(3, html.split("<svg ", -1).length - 1, "a duration, a cost and a cold-start chart");
        String chart = html.substring(html.lastIndexOf("<svg", html.indexOf("aria-label=\"Cold start")));
        chart = chart.substring(0, chart.indexOf("</svg>"));
        // Two segments per memory size, each with its figures on hover; the init below the first invoke.
        List<String> bars = chart.lines().flatMap(line -> List.of(line.split("<rect ")).stream())
                .filter(part -> part.contains("<title>")).toList();
        assertEquals(4, bars.size(), chart);
        assertTrue(bars.get(0).contains("fill=\"#7b1fa2\"") && bars.get(1).contains("fill=\"#26a69a\""), chart);
        assertTrue(bars.get(0).contains("128 MB, 3 cold starts: init p50 410.0 ms, first invoke p50 251.0 ms,"
                + " cold start p50 661.0 ms"), bars.get(0));
        // Same init at both sizes, so the same height; the first invoke at 128 MB is taller than at 1024 MB.
        assertEquals(attribute(bars.get(0), "height"), attribute(bars.get(2), "height"), chart);
        assertTrue(attribute(bars.get(1), "height") > attribute(bars.get(3), "height"), chart);
    }

    @Test
    void reportHtmlHasNoColdStartChartWithoutColdStarts() {
        PowerResult warm = PowerResult.of(1024, List.of(new Invocation(1024, ReportLine.measured("w", 5, 1024, 90, 0), null, null)),
                PRICING, 0, null);
        String html = new ReportWriter(ONLY_COLD, "test").html(List.of(report("Fn", warm)));
        assertEquals(2, html.split("<svg ", -1).length - 1, "a duration and a cost chart");
        assertFalse(html.contains("Cold start"), html);
    }

    private static double attribute(String element, String name) {
        String rest = element.substring(element.indexOf(" " + name + "=\"") + name.length() + 3);
        return Double.parseDouble(rest.substring(0, rest.indexOf('"')));
    }
}
