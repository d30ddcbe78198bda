package dev.coldbrew.tuner;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one Lambda {@code REPORT} record, from the text log format ({@code REPORT RequestId: …
 * Duration: 12.34 ms …}) or the JSON log format ({@code platform.report} record). Optional figures that
 * the record leaves out (Init Duration on a warm start, Restore Duration without SnapStart) are zero.
 */
public record ReportLine(
        double durationMs,
        double billedDurationMs,
        int memorySizeMb,
        int maxMemoryUsedMb,
        double initDurationMs,
        double restoreDurationMs,
        double billedRestoreDurationMs) {

    private static final Pattern TEXT_FIELD = Pattern.compile("(?:^|\\t)\\s*([A-Za-z ]+):\\s*([0-9.]+)\\s*(ms|MB)");
    private static final JSON CODEC = JSON.std;

    /** True when the environment was started (or restored from a snapshot) for this invocation. */
    public boolean coldStart() {
        return initDurationMs > 0 || restoreDurationMs > 0;
    }

    /** What the caller waited for, as Power Tuning measures speed: duration plus init plus restore. */
    public double totalDurationMs() {
        return durationMs + initDurationMs + restoreDurationMs;
    }

    /** What Lambda bills: billed duration plus billed restore duration. */
    public double billedMs() {
        return billedDurationMs + billedRestoreDurationMs;
    }

    /** Finds the last REPORT record in a log tail; empty when there is none. */
    public static Optional<ReportLine> find(String log) {
        if (log == null) {
            return Optional.empty();
        }
        String[] lines = log.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith("REPORT ")) {
                return Optional.of(parseText(line));
            }
            if (line.startsWith("{") && line.contains("platform.report")) {
                Optional<ReportLine> json = parseJson(line);
                if (json.isPresent()) {
                    return json;
                }
            }
        }
        return Optional.empty();
    }

    static ReportLine parseText(String line) {
        double duration = 0, billed = 0, init = 0, restore = 0, billedRestore = 0;
        int memory = 0, maxUsed = 0;
        Matcher m = TEXT_FIELD.matcher(line);
        while (m.find()) {
            double value = Double.parseDouble(m.group(2));
            switch (m.group(1).strip()) {
                case "Duration" -> duration = value;
                case "Billed Duration" -> billed = value;
                case "Memory Size" -> memory = (int) value;
                case "Max Memory Used" -> maxUsed = (int) value;
                case "Init Duration" -> init = value;
                case "Restore Duration" -> restore = value;
                case "Billed Restore Duration" -> billedRestore = value;
                default -> { }
            }
        }
        return new ReportLine(duration, billed, memory, maxUsed, init, restore, billedRestore);
    }

    @SuppressWarnings("unchecked")
    static Optional<ReportLine> parseJson(String line) {
        Map<String, Object> record;
        try {
            record = CODEC.mapFrom(line);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (record == null || !"platform.report".equals(record.get("type"))
                || !(record.get("record") instanceof Map<?, ?> body)
                || !(body.get("metrics") instanceof Map<?, ?> metrics)) {
            return Optional.empty();
        }
        Map<String, Object> m = (Map<String, Object>) metrics;
        return Optional.of(new ReportLine(
                number(m, "durationMs"),
                number(m, "billedDurationMs"),
                (int) number(m, "memorySizeMB"),
                (int) number(m, "maxMemoryUsedMB"),
                number(m, "initDurationMs"),
                number(m, "restoreDurationMs"),
                number(m, "billedRestoreDurationMs")));
    }

    private static double number(Map<String, Object> metrics, String key) {
        return metrics.get(key) instanceof Number n ? n.doubleValue() : 0;
    }
}
