package dev.coldbrew.locallambda.function;

/**
 * An error the Lambda API returns: the exception name goes in {@code x-amzn-ErrorType}, the HTTP status
 * and message as Lambda sends them, so SDK clients raise their typed exceptions.
 */
public class LambdaApiException extends RuntimeException {
    private final String errorType;
    private final int status;

    public LambdaApiException(String errorType, int status, String message) {
        super(message);
        this.errorType = errorType;
        this.status = status;
    }

    public static LambdaApiException notFound(String message) {
        return new LambdaApiException("ResourceNotFoundException", 404, message);
    }

    public static LambdaApiException invalidParameter(String message) {
        return new LambdaApiException("InvalidParameterValueException", 400, message);
    }

    public static LambdaApiException conflict(String message) {
        return new LambdaApiException("ResourceConflictException", 409, message);
    }

    public static LambdaApiException tooManyRequests(String message) {
        return new LambdaApiException("TooManyRequestsException", 429, message);
    }

    public String errorType() {
        return errorType;
    }

    public int status() {
        return status;
    }
}
