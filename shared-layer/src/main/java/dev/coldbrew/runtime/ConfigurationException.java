package dev.coldbrew.runtime;

/** The function's environment is missing a setting it needs; raised at init so the deploy fails fast. */
public class ConfigurationException extends FunctionException {
    public ConfigurationException(String message) {
        super(message);
    }

    /** Reads a required environment variable, failing with a message that names it. */
    public static String requireEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new ConfigurationException("Environment variable " + name + " is not set; the function cannot start without it.");
        }
        return value;
    }
}
