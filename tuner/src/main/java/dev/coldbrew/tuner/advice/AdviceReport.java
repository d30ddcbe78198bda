package dev.coldbrew.tuner.advice;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The advice as people and programs read it: a console table per function and traffic profile, the
 * {@code advice} array of report.json, and the advice section of report.html with two inline SVG charts (monthly
 * cost against p99 latency per strategy, and provisioned environments and their utilisation over the day).
 * Figures that rest on an assumed SnapStart restore carry a {@code *} and say so.
 */
public final class AdviceReport {
    private static final int WIDTH = 520, HEIGHT = 280, LEFT = 70, RIGHT = 24, TOP = 30, BOTTOM = 40;
    private static final String[] COLORS = {"#1565c0", "#7b1fa2", "#e65100", "#2e7d32"};

    private AdviceReport() {
    }

    public static String console(Advisor.Advice advice) {
        FunctionFigures f = advice.figures();
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%n%s at %d MB, traffic %s (%,d requests a day)%n", f.function(), f.memoryMb(),
                advice.traffic(), advice.requestsPerDay()));
        s.append(String.format(Locale.ROOT, "  measured: warm p50 %s ms, p99 %s ms; on-demand cold start %s ms (init %s + first invoke %s)%n",
                ms(f.warmP50Ms()), ms(f.warmP99Ms()), ms(f.onDemandColdMs()), ms(f.initMs()), ms(f.firstInvokeMs())));
        if (f.snapStartAllowed()) {
            s.append(String.format(Locale.ROOT, "  SnapStart cold start %s ms (restore %s%s + first invoke %s%s)%n",
                    ms(f.snapStartColdMs()), ms(f.restoreMs()), f.restoreEstimated() ? "*" : "",
                    ms(f.restoredFirstInvokeMs()), f.restoredFirstInvokeEstimated() ? "*" : ""));
        } else {
            s.append("  SnapStart: not a candidate, ").append(f.snapStartRefusal()).append('\n');
        }
        s.append(String.format(Locale.ROOT, "  %-40s %12s %12s %10s %10s%n", "strategy", "USD/month", "cold starts", "p50 ms", "p99 ms"));
        for (PoolSimulator.Result r : advice.strategies()) {
            boolean chosen = r == advice.recommended();
            s.append(String.format(Locale.ROOT, "%s %-40s %12.2f %11.3f%% %10s %10s%n", chosen ? "*" : " ",
                    r.strategy().label() + (r.estimate() ? " *" : ""), r.monthlyCostUsd(), 100 * r.coldStartShare(),
                    ms(r.p50Ms()), ms(r.p99Ms())));
        }
        s.append("  -> ").append(advice.verdict()).append('\n');
        if (advice.strategies().stream().anyMatch(PoolSimulator.Result::estimate)) {
            s.append("  * estimate: the SnapStart restore is ").append(ms(f.restoreMs())).append(" ms from ")
                    .append(f.restoreSource()).append("; measure it on AWS or give --snapstart-restore-ms\n");
        }
        return s.toString();
    }

    public static List<Map<String, Object>> json(List<Advisor.Advice> advice) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Advisor.Advice a : advice) {
            FunctionFigures f = a.figures();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("function", f.function());
            m.put("memoryMb", f.memoryMb());
            m.put("traffic", a.traffic());
            m.put("requestsPerDay", a.requestsPerDay());
            m.put("p99SloMs", a.p99SloMs());
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("warmP50Ms", round(f.warmP50Ms()));
            figures.put("warmP99Ms", round(f.warmP99Ms()));
            figures.put("initMs", round(f.initMs()));
            figures.put("firstInvokeMs", round(f.firstInvokeMs()));
            figures.put("snapStartRestoreMs", round(f.restoreMs()));
            figures.put("snapStartRestoreSource", f.restoreSource());
            figures.put("snapStartRestoreEstimated", f.restoreEstimated());
            figures.put("snapStartFirstInvokeMs", round(f.restoredFirstInvokeMs()));
            figures.put("snapStartFirstInvokeEstimated", f.restoredFirstInvokeEstimated());
            figures.put("snapStartRefusal", f.snapStartRefusal());
            m.put("figures", figures);
            m.put("strategies", a.strategies().stream().map(AdviceReport::result).toList());
            m.put("provisionedSweep", a.provisionedSweep().stream().map(AdviceReport::result).toList());
            m.put("recommended", a.recommended().strategy().label());
            m.put("sloMet", a.sloMet());
            m.put("verdict", a.verdict());
            list.add(m);
        }
        return list;
    }

    private static Map<String, Object> result(PoolSimulator.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("strategy", r.strategy().label());
        m.put("monthlyCostUsd", Math.round(r.monthlyCostUsd() * 100) / 100.0);
        m.put("coldStartShare", r.coldStartShare());
        m.put("p50Ms", round(r.p50Ms()));
        m.put("p99Ms", round(r.p99Ms()));
        m.put("peakConcurrency", r.peakConcurrency());
        m.put("estimate", r.estimate());
        if (r.provisionedByHour() != null) {
            m.put("provisionedByHour", rounded(r.provisionedByHour()));
            m.put("utilizationByHour", rounded(r.utilizationByHour()));
        }
        return m;
    }

    /** The advice section of report.html; empty when there is no advice. */
    public static String html(List<Advisor.Advice> advice) {
        if (advice.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder("<section><h2 id=\"advice\">Cold-start strategy advice</h2>\n");
        h.append("<p>Each strategy simulated over one day of the traffic profile at the function's configured memory, ")
                .append("scaled to 30 days. <b>*</b> rests on an assumed SnapStart restore (see the figures line).</p>\n");
        for (Advisor.Advice a : advice) {
            FunctionFigures f = a.figures();
            h.append("<h3>").append(esc(f.function())).append(" at ").append(f.memoryMb()).append(" MB &middot; ")
                    .append(esc(a.traffic())).append("</h3>\n<p>")
                    .append(String.format(Locale.ROOT, "%,d requests a day; warm p50 %s ms, p99 %s ms; on-demand cold start %s ms",
                            a.requestsPerDay(), ms(f.warmP50Ms()), ms(f.warmP99Ms()), ms(f.onDemandColdMs())));
            if (f.snapStartAllowed()) {
                h.append("; SnapStart cold start ").append(ms(f.snapStartColdMs())).append(" ms")
                        .append(f.restoreEstimated() ? " (restore " + ms(f.restoreMs()) + " ms* from " + esc(f.restoreSource()) + ")" : "");
            } else {
                h.append("; no SnapStart: ").append(esc(f.snapStartRefusal()));
            }
            h.append("</p>\n<table><tr><th style=\"text-align:left\">strategy</th><th>USD / month</th><th>cold starts</th><th>p50</th><th>p99</th></tr>\n");
            for (PoolSimulator.Result r : a.strategies()) {
                h.append("<tr class=\"").append(r == a.recommended() ? "win" : "").append("\"><td style=\"text-align:left\">")
                        .append(esc(r.strategy().label())).append(r.estimate() ? " *" : "").append("</td>")
                        .append(td(String.format(Locale.ROOT, "$%.2f", r.monthlyCostUsd())))
                        .append(td(String.format(Locale.ROOT, "%.3f %%", 100 * r.coldStartShare())))
                        .append(td(ms(r.p50Ms()) + " ms")).append(td(ms(r.p99Ms()) + " ms")).append("</tr>\n");
            }
            h.append("</table>\n<p><b>").append(esc(a.verdict())).append("</b></p>\n<div class=\"charts\">\n")
                    .append(costAgainstP99(a));
            a.strategies().stream().filter(r -> r.provisionedByHour() != null)
                    .filter(r -> r.strategy() instanceof ColdStartStrategy.Autoscaled).findFirst()
                    .ifPresent(r -> h.append(utilizationChart(r)));
            h.append("</div>\n");
        }
        return h.append("</section>\n").toString();
    }

    /** One point per strategy: monthly cost (x) against p99 latency (y), the SLO as a line. */
    private static String costAgainstP99(Advisor.Advice a) {
        List<PoolSimulator.Result> rs = a.strategies();
        double maxCost = rs.stream().mapToDouble(PoolSimulator.Result::monthlyCostUsd).max().orElse(1) * 1.15;
        double maxP99 = Math.max(rs.stream().mapToDouble(PoolSimulator.Result::p99Ms).max().orElse(1),
                a.p99SloMs() == null ? 0 : a.p99SloMs()) * 1.15;
        StringBuilder svg = frame("USD per month (x) vs p99 ms (y)", maxCost, maxP99, "$%.2f", "%.0f");
        if (a.p99SloMs() != null) {
            double y = y(a.p99SloMs(), maxP99);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#b00\" stroke-dasharray=\"4 3\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#b00\" text-anchor=\"end\">SLO %s ms</text>",
                    LEFT, y, WIDTH - RIGHT, y, WIDTH - RIGHT, y - 3, ms(a.p99SloMs())));
        }
        for (int i = 0; i < rs.size(); i++) {
            PoolSimulator.Result r = rs.get(i);
            double x = x(r.monthlyCostUsd(), maxCost);
            double y = y(r.p99Ms(), maxP99);
            String color = COLORS[i % COLORS.length];
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\"/>", x, y,
                    r == a.recommended() ? 7 : 5, color));
            // Labels right of points on the left half, left of them on the right half; alternate rows keep neighbours apart.
            boolean right = x < (LEFT + WIDTH - RIGHT) / 2.0;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"%s\" text-anchor=\"%s\">%s</text>",
                    right ? x + 8 : x - 8, y - 8 - 12 * (i % 2), color, right ? "start" : "end",
                    esc(r.strategy().label() + (r.estimate() ? " *" : ""))));
        }
        return svg.append("</svg>\n").toString();
    }

    /** Provisioned environments (bars) and their utilisation (line, right scale 0-100 %) per hour. */
    private static String utilizationChart(PoolSimulator.Result r) {
        double maxEnvironments = Math.max(1, java.util.Arrays.stream(r.provisionedByHour()).max().orElse(1)) * 1.15;
        StringBuilder svg = frame("Autoscaled: environments (bars), utilisation (line)", 24, maxEnvironments, "%.0f h", "%.1f");
        double slot = (WIDTH - LEFT - RIGHT) / 24.0;
        StringBuilder line = new StringBuilder();
        for (int h = 0; h < 24; h++) {
            double top = y(r.provisionedByHour()[h], maxEnvironments);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#90caf9\"/>",
                    LEFT + h * slot + 1, top, slot - 2, HEIGHT - BOTTOM - top));
            double uy = HEIGHT - BOTTOM - r.utilizationByHour()[h] * (HEIGHT - TOP - BOTTOM);
            line.append(h == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", LEFT + (h + 0.5) * slot, uy));
        }
        svg.append("<path d=\"").append(line).append("\" fill=\"none\" stroke=\"#e65100\" stroke-width=\"2\"/>");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"#e65100\" text-anchor=\"end\">100 %%</text>",
                WIDTH - 2, TOP + 4));
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder frame(String title, double maxX, double maxY, String xFormat, String yFormat) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\">", WIDTH, HEIGHT))
                .append("<title>").append(esc(title)).append("</title>")
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\" font-weight=\"bold\">%s</text>", LEFT, esc(title)))
                .append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM))
                .append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>", LEFT, TOP, LEFT, HEIGHT - BOTTOM));
        for (int i = 0; i <= 4; i++) {
            double xv = maxX * i / 4;
            double yv = maxY * i / 4;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>",
                    x(xv, maxX), HEIGHT - BOTTOM + 14, String.format(Locale.ROOT, xFormat, xv)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s</text>",
                    LEFT - 4, y(yv, maxY) + 3, String.format(Locale.ROOT, yFormat, yv)));
        }
        return svg;
    }

    private static double x(double value, double max) {
        return LEFT + value / max * (WIDTH - LEFT - RIGHT);
    }

    private static double y(double value, double max) {
        return HEIGHT - BOTTOM - value / max * (HEIGHT - TOP - BOTTOM);
    }

    private static String td(String text) {
        return "<td>" + text + "</td>";
    }

    static String ms(double ms) {
        return Advisor.format(ms);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static List<Double> rounded(double[] values) {
        List<Double> list = new ArrayList<>();
        for (double v : values) {
            list.add(Math.round(v * 100) / 100.0);
        }
        return list;
    }

    private static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
