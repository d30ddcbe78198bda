package dev.coldbrew.tuner;

import java.util.List;

/**
 * One function to tune: the name to show (the template logical ID where known), the name or ARN the Lambda
 * API is called with, and the event bodies to send (already expanded to {@code num}).
 */
public record FunctionTarget(String displayName, String functionName, String logicalId, List<byte[]> events) {
}
