package dev.coldbrew.tuner;

/** Bad input found once the options are parsed: reported as one line and exit code 2, never a stack trace. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message, null, false, false);
    }
}
