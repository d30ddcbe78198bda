package dev.coldbrew.tuner;

import dev.coldbrew.lambda.report.ReportLine;

/**
 * One measured call: the REPORT figures, or the error Lambda returned. {@code report} may be null when
 * the call failed before Lambda wrote one (for example a timeout whose log tail was cut). An {@code allowed}
 * error (--allowed-exceptions) has its REPORT figures and counts as a measurement, as Power Tuning counts it.
 */
public record Invocation(int powerMb, ReportLine report, String errorType, String errorMessage, boolean allowed) {

    public Invocation(int powerMb, ReportLine report, String errorType, String errorMessage) {
        this(powerMb, report, errorType, errorMessage, false);
    }

    /** A call that is no measurement: an error not allowed. */
    public boolean failed() {
        return errorType != null && !allowed;
    }

    /** A function error the run was told to tolerate; measured like a success. */
    public boolean allowedError() {
        return errorType != null && allowed;
    }
}
