package dev.coldbrew.tuner;

import java.util.List;

/**
 * One function to tune: the name to show (the template logical ID where known, with the qualifier when one was
 * given), the unqualified name or ARN the Lambda API is called with, the event bodies to send (already expanded to
 * {@code num}), and the alias or version named with it, if any.
 */
public record FunctionTarget(String displayName, String functionName, String logicalId, List<byte[]> events,
                             Qualifier qualifier) {

    public FunctionTarget(String displayName, String functionName, String logicalId, List<byte[]> events) {
        this(displayName, functionName, logicalId, events, null);
    }

    /**
     * An alias or version number given as {@code name:qualifier}: its code and configuration must be $LATEST's
     * apart from memory (coldbrew measures versions it publishes from $LATEST), and its memory is the one the
     * reports call configured. {@code version} and {@code memorySize} are null until resolved against the API.
     */
    public record Qualifier(String name, String version, Integer memorySize) {
        /** An alias, not a version number (alias names are never all digits). */
        public boolean alias() {
            return !name.chars().allMatch(Character::isDigit);
        }
    }

    FunctionTarget resolved(String version, int memorySize) {
        return new FunctionTarget(displayName, functionName, logicalId, events, new Qualifier(qualifier.name(), version, memorySize));
    }
}
