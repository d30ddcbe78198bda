package dev.coldbrew.runtime;

/** A downstream call took longer than the function allows it; raised well before the Lambda timeout. */
public class DownstreamTimeoutException extends DownstreamException {
    public DownstreamTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
