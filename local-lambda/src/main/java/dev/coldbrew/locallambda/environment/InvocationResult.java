package dev.coldbrew.locallambda.environment;

import dev.coldbrew.lambda.report.ReportLine;

/**
 * What one invoke produced.
 *
 * @param payload       the function's response, or Lambda's error document
 * @param functionError null on success, else {@code Unhandled} (the value of {@code X-Amz-Function-Error})
 * @param log           this invoke's log: START, the function's output, END, REPORT
 */
public record InvocationResult(String requestId, byte[] payload, String functionError, String log, ReportLine report) {

    public boolean failed() {
        return functionError != null;
    }

    public boolean cold() {
        return report != null && report.cold();
    }
}
