package dev.coldbrew.lambda.function;

/**
 * Lambda's limits and defaults for a function's configuration (Lambda developer guide, "Lambda quotas" and
 * the CreateFunction API reference): memory from 128 to 10240 MB, timeout from 1 to 900 s; a function that
 * sets neither gets 128 MB and 3 s.
 */
public final class LambdaLimits {
    public static final int MIN_MEMORY_MB = 128;
    public static final int MAX_MEMORY_MB = 10240;
    public static final int MIN_TIMEOUT_SECONDS = 1;
    public static final int MAX_TIMEOUT_SECONDS = 900;
    public static final int DEFAULT_MEMORY_MB = 128;
    public static final int DEFAULT_TIMEOUT_SECONDS = 3;

    private LambdaLimits() {
    }

    public static boolean validMemory(int memoryMb) {
        return memoryMb >= MIN_MEMORY_MB && memoryMb <= MAX_MEMORY_MB;
    }

    public static boolean validTimeout(int seconds) {
        return seconds >= MIN_TIMEOUT_SECONDS && seconds <= MAX_TIMEOUT_SECONDS;
    }
}
