package dev.coldbrew.tuner;

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
 * self-contained page with inline SVG charts of duration and cost against memory; no network needed.
 */
public final class ReportWriter {
    private final TuningPlan plan;
    private final String environment;

    public ReportWriter(TuningPlan plan, String environment) {
        this.plan = plan;
        this.environment = environment;
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
                        "power", w.power(), "cost", w.cost(), "duration", PowerResult.round(w.duration()))));
            }
            m.put("winners", winners);
        }
        if (r.visualizationUrl() != null) {
            m.put("visualization", r.visualizationUrl());
        }
        m.put("stats", r.results().stream().map(PowerResult::toMap).toList());
        if (r.failure() != null) {
            m.put("failure", r.failure());
        }
        if (!r.cleanupProblems().isEmpty()) {
            m.put("cleanupProblems", r.cleanupProblems());
        }
        return m;
    }

    public void write(List<FunctionReport> reports, Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("report.json"),
                JSON.std.with(JSON.Feature.PRETTY_PRINT_OUTPUT).asString(json(reports)) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("report.html"), html(reports), StandardCharsets.UTF_8);
    }

    public String html(List<FunctionReport> reports) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>coldbrew tuning report</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}")
                .append("tr.win td{background:#e8f5e9;font-weight:bold}tr.failed td{color:#b00}")
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
        return h.append("</body></html>\n").toString();
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
        h.append("</p>\n");
        if (r.failure() != null) {
            h.append("<p class=\"failed\">Failed: ").append(esc(r.failure())).append("</p>\n");
        }
        if (!plan.dryRun()) {
            h.append("<table><tr><th>strategy</th><th>memory</th><th>duration</th><th>cost / invocation</th></tr>\n");
            for (Strategy s : plan.strategies()) {
                r.winner(s).ifPresent(w -> h.append("<tr><td>").append(s.id())
                        .append("</td><td>").append(w.power()).append(" MB</td><td>").append(ms(w.duration()))
                        .append("</td><td>").append(usd(w.cost())).append("</td></tr>\n"));
            }
            h.append("</table>\n");
        }
        h.append("<table><tr><th>memory MB</th><th>duration</th><th>p50</th><th>p90</th><th>p99</th>")
                .append("<th>warm mean</th><th>cold</th><th>init</th><th>billed</th><th>cost / invocation</th>")
                .append("<th>cost / 1M</th><th>max memory</th><th>errors</th></tr>\n");
        for (PowerResult p : r.results()) {
            boolean win = winner.isPresent() && winner.get().power() == p.power();
            h.append("<tr class=\"").append(p.failed() ? "failed" : win ? "win" : "").append("\"><td>")
                    .append(p.power()).append("</td>");
            if (p.failed()) {
                h.append("<td colspan=\"11\" style=\"text-align:left\">skipped: ").append(esc(p.failure()))
                        .append("</td><td>").append(p.errors()).append("</td></tr>\n");
                continue;
            }
            h.append(td(ms(p.duration()))).append(td(ms(p.p50()))).append(td(ms(p.p90()))).append(td(ms(p.p99())))
                    .append(td(ms(p.warmMean()))).append(td(Integer.toString(p.coldCount())))
                    .append(td(ms(p.initDuration() + p.restoreDuration()))).append(td(ms(p.billedDuration())))
                    .append(td(usd(p.cost()))).append(td(String.format(Locale.ROOT, "$%.4f", p.costPerMillion())))
                    .append(td(p.maxMemoryUsed() + " MB")).append(td(Integer.toString(p.errors()))).append("</tr>\n");
        }
        h.append("</table>\n");
        List<PowerResult> ok = r.results().stream().filter(p -> !p.failed()).toList();
        if (!ok.isEmpty()) {
            int win = winner.map(PowerResult::power).orElse(-1);
            h.append("<div class=\"charts\">\n")
                    .append(chart("Duration (ms, trimmed mean) vs memory", ok, PowerResult::duration, "#1565c0", win, false))
                    .append(chart("Cost per invocation (USD) vs memory", ok, PowerResult::cost, "#e65100", win, true))
                    .append("</div>\n");
        }
        if (r.visualizationUrl() != null) {
            h.append("<p>Power Tuning view: <a href=\"").append(esc(r.visualizationUrl())).append("\">")
                    .append("open the chart</a> (the data travels in the URL hash, never to a server).</p>\n");
        }
        h.append("</section>\n");
    }

    /** A line chart, memory on x, the metric on y from zero; the winner drawn larger. */
    static String chart(String title, List<PowerResult> points, ToDoubleFunction<PowerResult> metric,
                        String color, int winnerPower, boolean money) {
        int w = 520, hgt = 280, left = 80, right = 32, top = 30, bottom = 40;
        double minX = points.stream().mapToInt(PowerResult::power).min().orElse(0);
        double maxX = points.stream().mapToInt(PowerResult::power).max().orElse(1);
        double maxY = points.stream().mapToDouble(metric).max().orElse(1) * 1.1;
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY <= 0) {
            maxY = 1;
        }
        double sx = (w - left - right) / (maxX - minX), sy = (hgt - top - bottom) / maxY;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(hgt)
                .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">")
                .append("<text x=\"").append(w / 2).append("\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">")
                .append(esc(title)).append("</text>");
        int baseY = hgt - bottom;
        s.append(line(left, baseY, w - right, baseY)).append(line(left, top, left, baseY));
        for (int i = 0; i <= 4; i++) {
            double v = maxY * i / 4;
            double y = baseY - v * sy;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"10\">%s</text>",
                    left - 4, y + 3, money ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.0f", v)));
        }
        StringBuilder path = new StringBuilder();
        for (PowerResult p : points) {
            double x = left + (p.power() - minX) * sx, y = baseY - metric.applyAsDouble(p) * sy;
            path.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"10\">%d</text>",
                    x, baseY + 14, p.power()));
        }
        s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                .append(path.toString().strip()).append("\"/>");
        for (PowerResult p : points) {
            double x = left + (p.power() - minX) * sx, y = baseY - metric.applyAsDouble(p) * sy;
            boolean win = p.power() == winnerPower;
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"><title>%d MB: %s</title></circle>",
                    x, y, win ? 6 : 3, win ? "#2e7d32" : color, p.power(),
                    money ? usd(metric.applyAsDouble(p)) : ms(metric.applyAsDouble(p))));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">memory (MB)</text>",
                (left + w - right) / 2, hgt - 6));
        return s.append("</svg>\n").toString();
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
