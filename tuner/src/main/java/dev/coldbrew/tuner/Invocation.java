package dev.coldbrew.tuner;

import dev.coldbrew.lambda.report.ReportLine;

/**
 * One measured call: the REPORT figures, or the error Lambda returned. {@code report} may be null when
 * the call failed before Lambda wrote one (for example a timeout whose log tail was cut).
 */
public record Invocation(int powerMb, ReportLine report, String errorType, String errorMessage) {

    public boolean failed() {
        return errorType != null;
    }
}
