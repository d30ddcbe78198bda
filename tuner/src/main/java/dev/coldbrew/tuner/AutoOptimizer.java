package dev.coldbrew.tuner;

import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Applies a winner to a deployed function: $LATEST memory, a new version, and the alias moved to it. */
final class AutoOptimizer {
    private AutoOptimizer() {
    }

    /** Returns the published version the alias now points at, or null when the function has no such alias. */
    static String apply(LambdaClient lambda, String function, int memoryMb, String alias) {
        Retry.retrying(() -> lambda.updateFunctionConfiguration(r -> r.functionName(function).memorySize(memoryMb)));
        while (Retry.retrying(() -> lambda.getFunctionConfiguration(r -> r.functionName(function)))
                .lastUpdateStatus() == LastUpdateStatus.IN_PROGRESS) {
            Retry.sleep(500);
        }
        try {
            lambda.getAlias(r -> r.functionName(function).name(alias));
        } catch (ResourceNotFoundException none) {
            return null;
        }
        String version = Retry.retrying(() -> lambda.publishVersion(r -> r.functionName(function)
                .description("coldbrew tuned to " + memoryMb + " MB"))).version();
        Retry.retrying(() -> lambda.updateAlias(r -> r.functionName(function).name(alias).functionVersion(version)));
        return version;
    }
}
