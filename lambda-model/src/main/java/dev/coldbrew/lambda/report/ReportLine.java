package dev.coldbrew.lambda.report;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda's {@code REPORT} record for one invoke, written and read here only. Two log formats (Lambda developer
 * guide, "Configuring JSON and plain text log formats" and "Lambda Telemetry API" {@code platform.report}):
 * the text line {@code REPORT RequestId: … Duration: 12.34 ms Billed Duration: 13 ms …} with tab-separated
 * fields, and the JSON {@code platform.report} record. Figures a record leaves out (Init Duration on a warm
 * start, Restore Duration without SnapStart) are zero here.
 *
 * @param billedDurationMs        whole milliseconds; on an on-demand cold start it includes the init, which
 *                                Lambda bills since August 2025
 * @param status                  null on success; {@code error} or {@code timeout} otherwise (Lambda writes
 *                                {@code Status:} only for those)
 * @param unthrottled             not Lambda's: says a local run did not limit CPU to the memory size's share
 */
public record ReportLine(String requestId, double durationMs, long billedDurationMs, int memorySizeMb,
                         long maxMemoryUsedMb, double initDurationMs, double restoreDurationMs,
                         long billedRestoreDurationMs, String status, String errorType, boolean unthrottled) {

    private static final Pattern FIELD = Pattern.compile("([A-Za-z ]+): ([^\\t]*)");
    private static final String UNTHROTTLED = "Local: unthrottled";

    /** What an invoke measured; billed duration is duration plus init, rounded up to the millisecond. */
    public static ReportLine measured(String requestId, double durationMs, int memorySizeMb, long maxMemoryUsedMb,
                                      double initDurationMs) {
        long billed = Math.max(1, (long) Math.ceil(durationMs + initDurationMs));
        return new ReportLine(requestId, durationMs, billed, memorySizeMb, maxMemoryUsedMb, initDurationMs, 0, 0,
                null, null, false);
    }

    public ReportLine failed(String failureStatus, String failureErrorType) {
        return new ReportLine(requestId, durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb, initDurationMs,
                restoreDurationMs, billedRestoreDurationMs, failureStatus, failureErrorType, unthrottled);
    }

    /**
     * The same invoke as a SnapStart cold start: no init, a restore of {@code restoreMs}; Lambda bills the
     * restore's billable part on top of the duration, inside Billed Duration.
     */
    public ReportLine restored(double restoreMs, long billedRestoreMs) {
        long billed = Math.max(1, (long) Math.ceil(durationMs + billedRestoreMs));
        return new ReportLine(requestId, durationMs, billed, memorySizeMb, maxMemoryUsedMb, 0, restoreMs,
                billedRestoreMs, status, errorType, unthrottled);
    }

    public ReportLine markedUnthrottled(boolean value) {
        return new ReportLine(requestId, durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb, initDurationMs,
                restoreDurationMs, billedRestoreDurationMs, status, errorType, value);
    }

    public static String start(String requestId, String version) {
        return "START RequestId: " + requestId + " Version: " + version;
    }

    public static String end(String requestId) {
        return "END RequestId: " + requestId;
    }

    /** True when the environment was started (or restored from a snapshot) for this invoke. */
    public boolean cold() {
        return initDurationMs > 0 || restoreDurationMs > 0;
    }

    /** What the caller waited for, as Power Tuning measures speed: duration plus init plus restore. */
    public double totalDurationMs() {
        return durationMs + initDurationMs + restoreDurationMs;
    }

    /**
     * What Lambda bills for the invoke: Billed Duration, which already holds the init of an on-demand cold
     * start (billed since August 2025) and a SnapStart restore's Billed Restore Duration (as in Lambda's own
     * REPORT lines: "Duration: 36.97 ms Billed Duration: 173 ms ... Billed Restore Duration: 136 ms").
     */
    public double billedMs() {
        return billedDurationMs;
    }

    /** The text format's line. */
    public String text() {
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId).append('\t')
                .append(String.format(Locale.ROOT, "Duration: %.2f ms\t", durationMs))
                .append("Billed Duration: ").append(billedDurationMs).append(" ms\t")
                .append("Memory Size: ").append(memorySizeMb).append(" MB\t")
                .append("Max Memory Used: ").append(maxMemoryUsedMb).append(" MB\t");
        if (initDurationMs > 0) {
            line.append(String.format(Locale.ROOT, "Init Duration: %.2f ms\t", initDurationMs));
        }
        if (restoreDurationMs > 0) {
            line.append(String.format(Locale.ROOT, "Restore Duration: %.2f ms\t", restoreDurationMs))
                    .append("Billed Restore Duration: ").append(billedRestoreDurationMs).append(" ms\t");
        }
        if (status != null) {
            line.append("Status: ").append(status).append('\t');
            if (errorType != null) {
                line.append("Error Type: ").append(errorType).append('\t');
            }
        }
        if (unthrottled) {
            line.append(UNTHROTTLED).append('\t');
        }
        return line.toString();
    }

    @Override
    public String toString() {
        return text();
    }

    /** The JSON format's {@code platform.report} record. */
    public String json(Instant time) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("durationMs", round2(durationMs));
        metrics.put("billedDurationMs", billedDurationMs);
        metrics.put("memorySizeMB", memorySizeMb);
        metrics.put("maxMemoryUsedMB", maxMemoryUsedMb);
        if (initDurationMs > 0) {
            metrics.put("initDurationMs", round2(initDurationMs));
        }
        if (restoreDurationMs > 0) {
            metrics.put("restoreDurationMs", round2(restoreDurationMs));
            metrics.put("billedRestoreDurationMs", billedRestoreDurationMs);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("requestId", requestId);
        body.put("metrics", metrics);
        body.put("status", status == null ? "success" : status);
        if (errorType != null) {
            body.put("errorType", errorType);
        }
        if (unthrottled) {
            body.put("localUnthrottled", true);
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("time", time.toString());
        record.put("type", "platform.report");
        record.put("record", body);
        try {
            return JSON.std.asString(record);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last REPORT record of a log tail, in either format; empty when there is none. */
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
        Map<String, String> fields = new LinkedHashMap<>();
        for (Matcher m = FIELD.matcher(line.substring("REPORT ".length())); m.find(); ) {
            fields.put(m.group(1).strip(), m.group(2).strip());
        }
        return new ReportLine(fields.get("RequestId"), number(fields.get("Duration")), (long) number(fields.get("Billed Duration")),
                (int) number(fields.get("Memory Size")), (long) number(fields.get("Max Memory Used")),
                number(fields.get("Init Duration")), number(fields.get("Restore Duration")),
                (long) number(fields.get("Billed Restore Duration")), fields.get("Status"), fields.get("Error Type"),
                line.contains(UNTHROTTLED));
    }

    @SuppressWarnings("unchecked")
    static Optional<ReportLine> parseJson(String line) {
        Map<String, Object> record;
        try {
            record = JSON.std.mapFrom(line);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        if (record == null || !"platform.report".equals(record.get("type"))
                || !(record.get("record") instanceof Map<?, ?> body)
                || !(body.get("metrics") instanceof Map<?, ?> metrics)) {
            return Optional.empty();
        }
        Map<String, Object> m = (Map<String, Object>) metrics;
        Object status = body.get("status");
        return Optional.of(new ReportLine(
                body.get("requestId") == null ? null : String.valueOf(body.get("requestId")),
                number(m, "durationMs"), (long) number(m, "billedDurationMs"),
                (int) number(m, "memorySizeMB"), (long) number(m, "maxMemoryUsedMB"),
                number(m, "initDurationMs"), number(m, "restoreDurationMs"), (long) number(m, "billedRestoreDurationMs"),
                status == null || "success".equals(status) ? null : String.valueOf(status),
                body.get("errorType") == null ? null : String.valueOf(body.get("errorType")),
                Boolean.TRUE.equals(body.get("localUnthrottled"))));
    }

    /** "12.34 ms" or "1024 MB" to its number; absent is zero. */
    private static double number(String value) {
        if (value == null) {
            return 0;
        }
        String digits = value.replaceAll("\\s*(ms|MB)$", "");
        try {
            return Double.parseDouble(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double number(Map<String, Object> metrics, String key) {
        return metrics.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
