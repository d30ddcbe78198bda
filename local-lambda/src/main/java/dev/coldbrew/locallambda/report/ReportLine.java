package dev.coldbrew.locallambda.report;

import java.util.Locale;

/**
 * Lambda's platform log lines for one invoke: START, END and the tab-separated REPORT with Duration,
 * Billed Duration (whole milliseconds, init included on cold starts as Lambda bills on-demand init since
 * August 2025), Memory Size, Max Memory Used and, on a cold start, Init Duration.
 */
public record ReportLine(String requestId, double durationMs, int memorySizeMb, long maxMemoryUsedMb,
                         Double initDurationMs, String status, String errorType, boolean unthrottled) {

    public static String start(String requestId, String version) {
        return "START RequestId: " + requestId + " Version: " + version;
    }

    public static String end(String requestId) {
        return "END RequestId: " + requestId;
    }

    public long billedDurationMs() {
        double billed = durationMs + (initDurationMs == null ? 0 : initDurationMs);
        return Math.max(1, (long) Math.ceil(billed));
    }

    public boolean cold() {
        return initDurationMs != null;
    }

    @Override
    public String toString() {
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId).append('\t')
                .append(String.format(Locale.ROOT, "Duration: %.2f ms\t", durationMs))
                .append("Billed Duration: ").append(billedDurationMs()).append(" ms\t")
                .append("Memory Size: ").append(memorySizeMb).append(" MB\t")
                .append("Max Memory Used: ").append(maxMemoryUsedMb).append(" MB\t");
        if (initDurationMs != null) {
            line.append(String.format(Locale.ROOT, "Init Duration: %.2f ms\t", initDurationMs));
        }
        if (status != null) {
            line.append("Status: ").append(status).append('\t');
            if (errorType != null) {
                line.append("Error Type: ").append(errorType).append('\t');
            }
        }
        if (unthrottled) {
            // Not part of Lambda's format: says that CPU was not limited to the memory size's share.
            line.append("Local: unthrottled\t");
        }
        return line.toString();
    }
}
