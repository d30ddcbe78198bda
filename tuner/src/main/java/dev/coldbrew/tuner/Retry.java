package dev.coldbrew.tuner;

import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * How the tuner waits on the Lambda API: throttling and "update in progress" conflicts are retried with
 * exponential back-off, and an interrupted wait cancels the tuning.
 */
final class Retry {
    private static final int ATTEMPTS = 8;
    private static final long FIRST_BACKOFF_MS = 200;
    private static final long MAX_BACKOFF_MS = 10_000;

    private Retry() {
    }

    /** Calls {@code call}, retrying throttling and "update in progress" conflicts; any other error is thrown. */
    static <T> T retrying(Supplier<T> call) {
        long backoffMs = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (TooManyRequestsException | ResourceConflictException e) {
                boolean inProgress = e instanceof ResourceConflictException
                        && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("in progress");
                if (attempt >= ATTEMPTS || (e instanceof ResourceConflictException && !inProgress)) {
                    throw e;
                }
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
        }
    }

    /** Waits {@code ms}; an interrupt (the run is being stopped) cancels the tuning. */
    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TuningSession.CancelledException();
        }
    }
}
