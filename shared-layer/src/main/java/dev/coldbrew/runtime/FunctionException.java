package dev.coldbrew.runtime;

/**
 * Base of the typed errors a coldbrew function raises on purpose. Lambda reports the class name as
 * {@code errorType} and the message as {@code errorMessage}, so callers can branch on the type.
 */
public class FunctionException extends RuntimeException {
    public FunctionException(String message) {
        super(message);
    }

    public FunctionException(String message, Throwable cause) {
        super(message, cause);
    }
}
