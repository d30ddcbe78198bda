package dev.coldbrew.runtime;

/** The event is not JSON, or not the shape the function expects. The caller must fix the request. */
public class InvalidEventException extends FunctionException {
    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
