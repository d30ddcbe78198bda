package dev.coldbrew.runtime;

/** A service the function depends on failed or could not be reached. Often worth a retry. */
public class DownstreamException extends FunctionException {
    public DownstreamException(String message) {
        super(message);
    }

    public DownstreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
