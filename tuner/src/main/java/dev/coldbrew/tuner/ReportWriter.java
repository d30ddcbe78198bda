package dev.coldbrew.tuner;

import dev.coldbrew.tuner.advice.AdviceReport;
import dev.coldbrew.tuner.advice.Advisor;
import dev.coldbrew.tuner.search.Verdict;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Writes {@code report.json} (Power Tuning's {@code power}, {@code cost}, {@code duration} for the winner of
 * the chosen strategy, the winners of all strategies, and every statistic) and {@code report.html}, a
 * self-contained page with inline SVG charts of duration and cost against memory and of the cold starts; no
 * network needed. With {@code includeOutputResults} each {@code stats} entry also carries Power Tuning's own
 * names for its figures, so a tool written for Power Tuning's output reads it.
 */
public final class ReportWriter {
    /** Every chart's size and plot margins, in pixels. */
    private static final int WIDTH = 520, HEIGHT = 280, LEFT = 80, RIGHT = 32, TOP = 30, BOTTOM = 40;
    private static final int BASE_Y = HEIGHT - BOTTOM;
    private static final String STARTUP_COLOR = "#7b1fa2", FIRST_INVOKE_COLOR = "#26a69a";

    private final TuningPlan plan;
    private final String environment;
    private final boolean includeOutputResults;

    public ReportWriter(TuningPlan plan, String environment) {
        this(plan, environment, false);
    }

    public ReportWriter(TuningPlan plan, String environment, boolean includeOutputResults) {
        this.plan = plan;
        this.environment = environment;
        this.includeOutputResults = includeOutputResults;
    }

    public Map<String, Object> json(List<FunctionReport> reports) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generatedAt", Instant.now().toString());
        root.put("environment", environment);
        root.put("strategy", plan.strategy().id());
        plan.strategies().forEach(s -> root.putAll(s.reportFields()));
        root.put("num", plan.invocationsPerPower());
        root.put("powerValues", plan.powers());
        root.put("discardTopBottom", plan.effectiveDiscard());
        root.put("parallelInvocation", plan.parallel());
        root.put("onlyColdStarts", plan.onlyColdStarts());
        root.put("dryRun", plan.dryRun());
        root.put("allowedExceptions", plan.allowedExceptions());
        if (plan.preInvoke() != null) {
            root.put("preProcessorARN", plan.preInvoke());
        }
        if (plan.postInvoke() != null) {
            root.put("postProcessorARN", plan.postInvoke());
        }
        root.put("disablePayloadLogs", plan.disablePayloadLogs());
        root.put("includeOutputResults", includeOutputResults);
        List<Map<String, Object>> functions = new ArrayList<>();
        for (FunctionReport r : reports) {
            functions.add(function(r));
        }
        root.put("functions", functions);
        return root;
    }

    private Map<String, Object> function(FunctionReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("function", r.target().displayName());
        m.put("functionName", r.target().functionName());
        FunctionTarget.Qualifier qualifier = r.target().qualifier();
        if (qualifier != null) {
            m.put("qualifier", qualifier.name());
            m.put("version", qualifier.version());
        }
        m.put("architecture", r.pricing().architecture().id());
        m.put("region", r.pricing().region());
        m.put("pricePerGbSecond", r.pricing().pricePerGbSecond());
        m.put("pricePerRequest", r.pricing().pricePerRequest());
        m.put("originalMemory", r.originalMemory());
        m.put("coldStartKind", r.coldStartKind().label());
        Optional<PowerResult> winner = plan.dryRun() ? Optional.empty() : r.winner(plan.strategy());
        winner.ifPresent(w -> {
            m.put("power", w.power());
            m.put("cost", w.cost());
            m.put("duration", PowerResult.round(w.duration()));
        });
        if (!plan.dryRun()) {
            Map<String, Object> winners = new LinkedHashMap<>();
            for (Strategy s : plan.strategies()) {
                r.winner(s).ifPresent(w -> winners.put(s.id(), Map.of(
                        "power", w.power(), "cost", w.cost(), "duration", PowerResult.round(w.duration()),
                        "verdict", r.verdict(s).map(Verdict::describe).orElse(""))));
            }
            m.put("winners", winners);
        }
        if (r.visualizationUrl() != null) {
            m.put("visualization", r.visualizationUrl());
        }
        // Power Tuning's stateMachine.lambdaCost: every measured call at every size, untrimmed.
        m.put("lambdaCost", r.results().stream().mapToDouble(PowerResult::totalCost).sum());
        m.put("stats", r.results().stream().map(this::stats).toList());
        if (r.failure() != null) {
            m.put("failure", r.failure());
        }
        if (!r.cleanupProblems().isEmpty()) {
            m.put("cleanupProblems", r.cleanupProblems());
        }
        return m;
    }

    /**
     * One memory size's figures; with --include-output-results also as Power Tuning's {@code stats} entry names them
     * ({@code value}, {@code averagePrice}, {@code averageDuration}), the latter two only for a size measured.
     */
    private Map<String, Object> stats(PowerResult p) {
        Map<String, Object> m = p.toMap();
        if (includeOutputResults) {
            m.put("value", p.power());
            if (!p.failed()) {
                m.put("averagePrice", p.cost());
                m.put("averageDuration", p.duration());
            }
        }
        return m;
    }

    public void write(List<FunctionReport> reports, Path dir) throws IOException {
        write(reports, List.of(), dir);
    }

    /** Both reports, with the cold-start advice (an {@code advice} array and an HTML section) when there is some. */
    public void write(List<FunctionReport> reports, List<Advisor.Advice> advice, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = json(reports);
        if (!advice.isEmpty()) {
            json.put("advice", AdviceReport.json(advice));
        }
        Files.writeString(dir.resolve("report.json"),
                JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(json) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(reports, advice), StandardCharsets.UTF_8);
    }

    public String html(List<FunctionReport> reports) {
        return html(reports, List.of());
    }

    /** The page: a section per function, then the advice's section when there is advice. */
    public String html(List<FunctionReport> reports, List<Advisor.Advice> advice) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>coldbrew tuning report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("tr.win td{background:#e8f5e9;font-weight:bold}tr.failed td{color:#b00}")
                .append("caption{text-align:left;font-weight:bold;padding:2px 0}")
                .append(".charts{display:flex;flex-wrap:wrap;gap:1em}svg{background:#fafafa;border:1px solid #ddd}")
                .append("code{font-size:90%}</style></head><body>\n")
                .append("<h1>coldbrew tuning report</h1>\n<p>")
                .append(esc(environment)).append(" &middot; strategy <b>").append(plan.strategy().id())
                .append("</b>");
        if (!plan.strategy().details().isEmpty()) {
            h.append(" (").append(esc(plan.strategy().details())).append(")");
        }
        h.append(" &middot; ").append(plan.invocationsPerPower()).append(" invocations per power value")
                .append(" &middot; trimmed ").append(plan.effectiveDiscard()).append(" from each end")
                .append(plan.onlyColdStarts() ? " &middot; only cold starts" : "")
                .append(plan.parallel() ? " &middot; parallel" : "")
                .append(" &middot; ").append(esc(Instant.now().toString())).append("</p>\n");
        for (FunctionReport r : reports) {
            section(h, r);
        }
        return h.append(AdviceReport.html(advice)).append("</body></html>\n").toString();
    }

    private void section(StringBuilder h, FunctionReport r) {
        Optional<PowerResult> winner = plan.dryRun() ? Optional.empty() : r.winner(plan.strategy());
        h.append("<section><h2 id=\"").append(esc(r.target().displayName())).append("\">")
                .append(esc(r.target().displayName())).append("</h2>\n<p>")
                .append(esc(r.pricing().architecture().id())).append(", ").append(esc(r.pricing().region()))
                .append(", configured ").append(r.originalMemory()).append(" MB");
        winner.ifPresent(w -> h.append(" &middot; <b>").append(plan.strategy().id()).append(" winner: ")
                .append(w.power()).append(" MB</b>, ").append(ms(w.duration())).append(", ")
                .append(usd(w.cost())).append(" per invocation"));
        if (r.coldStartKind() != ColdStartKind.NONE) {
            h.append(" &middot; cold starts: ").append(esc(r.coldStartKind().describe()));
        }
        h.append("</p>\n");
        if (r.failure() != null) {
            h.append("<p class=\"failed\">Failed: ").append(esc(r.failure())).append("</p>\n");
        }
        if (!plan.dryRun()) {
            h.append("<table><tr><th>strategy</th><th>memory</th><th>duration</th><th>cost / invocation</th><th>verdict (95 %)</th></tr>\n");
            for (Strategy s : plan.strategies()) {
                r.winner(s).ifPresent(w -> h.append("<tr><td>").append(s.id())
                        .append("</td><td>").append(w.power()).append(" MB</td><td>").append(ms(w.duration()))
                        .append("</td><td>").append(usd(w.cost())).append("</td><td>")
                        .append(esc(r.verdict(s).map(Verdict::describe).orElse(""))).append("</td></tr>\n"));
            }
            h.append("</table>\n");
        }
        h.append("<table><tr><th>memory MB</th><th>duration</th><th>p50</th><th>p90</th><th>p99</th>")
                .append("<th>warm mean</th><th>billed</th><th>cost / invocation</th>")
                .append("<th>cost / 1M</th><th>max memory</th><th>errors</th></tr>\n");
        for (PowerResult p : r.results()) {
            boolean win = winner.isPresent() && winner.get().power() == p.power();
            h.append("<tr class=\"").append(p.failed() ? "failed" : win ? "win" : "").append("\"><td>")
                    .append(p.power()).append("</td>");
            if (p.failed()) {
                h.append("<td colspan=\"9\" style=\"text-align:left\">skipped: ").append(esc(p.failure()))
                        .append("</td><td>").append(p.errors()).append("</td></tr>\n");
                continue;
            }
            h.append(td(ms(p.duration()))).append(td(ms(p.p50()))).append(td(ms(p.p90()))).append(td(ms(p.p99())))
                    .append(td(p.warmCount() == 0 ? "-" : ms(p.warmMean()))).append(td(ms(p.billedDuration())))
                    .append(td(usd(p.cost()))).append(td(String.format(Locale.ROOT, "$%.4f", p.costPerMillion())))
                    .append(td(p.maxMemoryUsed() + " MB")).append(td(errors(p))).append("</tr>\n");
        }
        h.append("</table>\n");
        List<PowerResult> ok = r.results().stream().filter(p -> !p.failed()).toList();
        ColdStartKind kind = r.coldStartKind();
        if (kind != ColdStartKind.NONE) {
            coldStartTable(h, ok, kind);
        }
        if (!ok.isEmpty()) {
            int win = winner.map(PowerResult::power).orElse(-1);
            h.append("<div class=\"charts\">\n")
                    .append(chart("Duration (ms, trimmed mean) vs memory", ok, PowerResult::duration, "#1565c0", win, false))
                    .append(chart("Cost per invocation (USD) vs memory", ok, PowerResult::cost, "#e65100", win, true));
            if (kind != ColdStartKind.NONE) {
                h.append(coldStartChart(ok, kind));
            }
            h.append("</div>\n");
        }
        if (r.visualizationUrl() != null) {
            h.append("<p>Power Tuning view: <a href=\"").append(esc(r.visualizationUrl())).append("\">")
                    .append("open the chart</a> (the data travels in the URL hash, never to a server).</p>\n");
        }
        h.append("</section>\n");
    }

    /** The errors, and the allowed ones apart since they were measured. */
    static String errors(PowerResult p) {
        return p.errors() + (p.allowedErrors() > 0 ? " (+" + p.allowedErrors() + " allowed)" : "");
    }

    /** The cold starts apart from the warm calls, since the trimmed duration hides them. */
    private static void coldStartTable(StringBuilder h, List<PowerResult> ok, ColdStartKind kind) {
        h.append("<table><caption>Cold starts: ").append(esc(kind.describe())).append("</caption>")
                .append("<tr><th>memory MB</th><th>cold starts</th><th>kind</th><th>").append(kind.phase())
                .append(" p50</th><th>").append(kind.phase()).append(" p90</th><th>first invoke p50</th>")
                .append("<th>cold start p50</th></tr>\n");
        for (PowerResult p : ok) {
            h.append("<tr><td>").append(p.power()).append("</td>").append(td(Integer.toString(p.coldCount())));
            if (p.coldCount() == 0) {
                h.append("<td colspan=\"5\"></td></tr>\n");
                continue;
            }
            h.append(td(esc(p.coldStartKind().label()))).append(td(ms(p.initOrRestoreP50())))
                    .append(td(ms(p.initOrRestoreP90()))).append(td(ms(p.firstInvokeP50())))
                    .append(td(ms(p.coldStartP50()))).append("</tr>\n");
        }
        h.append("</table>\n");
    }

    /** A line chart, memory on x, the metric on y from zero; the winner drawn larger. */
    static String chart(String title, List<PowerResult> points, ToDoubleFunction<PowerResult> metric,
                        String color, int winnerPower, boolean money) {
        double minX = points.stream().mapToInt(PowerResult::power).min().orElse(0);
        double maxX = points.stream().mapToInt(PowerResult::power).max().orElse(1);
        if (maxX == minX) {
            maxX = minX + 1;
        }
        double maxY = axisMax(points.stream().mapToDouble(metric).max().orElse(0));
        double sx = (WIDTH - LEFT - RIGHT) / (maxX - minX), sy = (BASE_Y - TOP) / maxY;
        StringBuilder s = frame(title, maxY, money);
        StringBuilder path = new StringBuilder();
        for (PowerResult p : points) {
            double x = LEFT + (p.power() - minX) * sx, y = BASE_Y - metric.applyAsDouble(p) * sy;
            path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            s.append(memoryLabel(x, p.power()));
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                .append(path.toString().strip()).append("\"/>");
        for (PowerResult p : points) {
            double x = LEFT + (p.power() - minX) * sx, y = BASE_Y - metric.applyAsDouble(p) * sy;
            boolean win = p.power() == winnerPower;
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>%d MB: %s</title></circle>",
                    x, y, win ? 6 : 3, win ? "#2e7d32" : color, p.power(),
                    money ? usd(metric.applyAsDouble(p)) : ms(metric.applyAsDouble(p))));
        }
        return s.append("</svg>\n").toString();
    }

    /**
     * Stacked bars, one per memory size with cold starts: the init (or restore) p50 below, the first invoke's
     * p50 on top. Evenly spaced, since bars on a linear memory axis would overlap at the small sizes.
     */
    static String coldStartChart(List<PowerResult> results, ColdStartKind kind) {
        List<PowerResult> bars = results.stream().filter(p -> p.coldCount() > 0).toList();
        double maxY = axisMax(bars.stream().mapToDouble(p -> p.initOrRestoreP50() + p.firstInvokeP50()).max().orElse(0));
        double sy = (BASE_Y - TOP) / maxY;
        double slot = (double) (WIDTH - LEFT - RIGHT) / bars.size(), barWidth = Math.min(48, slot * 0.6);
        StringBuilder s = frame("Cold start (ms, p50): " + kind.phase() + " + first invoke", maxY, false);
        for (int i = 0; i < bars.size(); i++) {
            PowerResult p = bars.get(i);
            double center = LEFT + slot * (i + 0.5), x = center - barWidth / 2;
            double startup = p.initOrRestoreP50() * sy, firstInvoke = p.firstInvokeP50() * sy;
            String tip = String.format(Locale.ROOT, "%d MB, %d cold starts: %s p50 %s, first invoke p50 %s, cold start p50 %s",
                    p.power(), p.coldCount(), kind.phase(), ms(p.initOrRestoreP50()), ms(p.firstInvokeP50()),
                    ms(p.coldStartP50()));
            s.append(bar(x, BASE_Y - startup, barWidth, startup, STARTUP_COLOR, tip))
                    .append(bar(x, BASE_Y - startup - firstInvoke, barWidth, firstInvoke, FIRST_INVOKE_COLOR, tip))
                    .append(memoryLabel(center, p.power()));
        }
        // The legend sits in the bottom margin, right of the axis name, where no bar can cover it.
        int legendX = (LEFT + WIDTH - RIGHT) / 2 + 50, legendY = HEIGHT - 15;
        s.append(legend(legendX, legendY, STARTUP_COLOR, kind.phase()))
                .append(legend(legendX + 24 + 6 * kind.phase().length(), legendY, FIRST_INVOKE_COLOR, "first invoke"));
        return s.append("</svg>\n").toString();
    }

    /** The top of the y axis: a tenth above the largest value, so the highest point is not on the edge. */
    private static double axisMax(double largest) {
        return largest > 0 ? largest * 1.1 : 1;
    }

    /** An open {@code <svg>} with title, axes, five y ticks from zero to {@code maxY} and the x axis's name. */
    private static StringBuilder frame(String title, double maxY, boolean money) {
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">")
                .append("<text x=\"").append(WIDTH / 2).append("\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">")
                .append(esc(title)).append("</text>");
        s.append(line(LEFT, BASE_Y, WIDTH - RIGHT, BASE_Y)).append(line(LEFT, TOP, LEFT, BASE_Y));
        double sy = (BASE_Y - TOP) / maxY;
        for (int i = 0; i <= 4; i++) {
            double v = maxY * i / 4;
            double y = BASE_Y - v * sy;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">%s</text>",
                    LEFT - 4, y + 3, money ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.0f", v)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">memory (MB)</text>",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 6));
        return s;
    }

    private static String memoryLabel(double x, int power) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%d</text>",
                x, BASE_Y + 14, power);
    }

    private static String bar(double x, double y, double width, double height, String color, String tip) {
        return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                x, y, width, height, color, esc(tip));
    }

    private static String legend(int x, int y, String color, String label) {
        return String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", x, y, color, x + 14, y + 9, esc(label));
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"#888\"/>";
    }

    private static String td(String text) {
        return "<td>" + text + "</td>";
    }

    static String ms(double value) {
        return String.format(Locale.ROOT, "%.1f ms", value);
    }

    static String usd(double value) {
        return String.format(Locale.ROOT, "$%.10f", value);
    }

    static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
