package dev.coldbrew.locallambda.function;

/**
 * A FunctionName parameter taken apart: plain name, {@code name:qualifier}, partial ARN
 * ({@code 123456789012:function:name}) or full ARN, each with an optional trailing qualifier.
 */
record FunctionName(String name, String qualifier) {

    static FunctionName parse(String value) {
        if (value == null || value.isBlank()) {
            throw LambdaApiException.invalidParameter("FunctionName must not be empty.");
        }
        String rest = value;
        int marker = rest.indexOf("function:");
        if (marker >= 0) {
            rest = rest.substring(marker + "function:".length());
        }
        int colon = rest.indexOf(':');
        return colon < 0 ? new FunctionName(rest, null) : new FunctionName(rest.substring(0, colon), rest.substring(colon + 1));
    }
}
