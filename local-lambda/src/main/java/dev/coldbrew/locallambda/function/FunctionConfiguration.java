package dev.coldbrew.locallambda.function;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One function version's configuration, immutable: {@code $LATEST} is replaced on every update, a published
 * version keeps the snapshot it was given. Execution environments are bound to one instance, so an update
 * retires them simply by no longer being the instance that invokes use.
 *
 * @param logicalId     template resource name, which is also where the build output lives
 * @param codeDirectory the task root ({@code target/lambda/<LogicalId>}); layers bring their own directories
 */
public record FunctionConfiguration(
        String functionName,
        String logicalId,
        String version,
        String runtime,
        String handler,
        String description,
        int memorySize,
        int timeout,
        Map<String, String> environment,
        List<Layer> layers,
        Path codeDirectory,
        String architecture,
        String snapStartApplyOn,
        String codeSha256,
        long codeSize,
        Instant lastModified,
        String revisionId) {

    public static final String LATEST = "$LATEST";
    public static final int MIN_MEMORY_MB = 128;
    public static final int MAX_MEMORY_MB = 10240;
    public static final int MAX_TIMEOUT_SECONDS = 900;

    /** A layer as Lambda lists it (ARN) plus where its {@code java/lib} lives locally. */
    public record Layer(String arn, String logicalId, Path directory, long codeSize) {
    }

    public FunctionConfiguration {
        environment = Map.copyOf(environment);
        layers = List.copyOf(layers);
    }

    /** The same configuration changed by an update: new revision, new modification time. */
    public FunctionConfiguration updated(Integer newMemorySize, Integer newTimeout, Map<String, String> newEnvironment,
                                         String newHandler, String newDescription) {
        return new FunctionConfiguration(functionName, logicalId, version, runtime,
                newHandler != null ? newHandler : handler,
                newDescription != null ? newDescription : description,
                newMemorySize != null ? newMemorySize : memorySize,
                newTimeout != null ? newTimeout : timeout,
                newEnvironment != null ? newEnvironment : environment,
                layers, codeDirectory, architecture, snapStartApplyOn, codeSha256, codeSize,
                Instant.now(), UUID.randomUUID().toString());
    }

    /** A published snapshot of this configuration under the given version number. */
    public FunctionConfiguration asVersion(String versionNumber, String versionDescription) {
        return new FunctionConfiguration(functionName, logicalId, versionNumber, runtime, handler,
                versionDescription != null ? versionDescription : description, memorySize, timeout, environment,
                layers, codeDirectory, architecture, snapStartApplyOn, codeSha256, codeSize, Instant.now(),
                UUID.randomUUID().toString());
    }

    /** Whether two configurations would behave alike; PublishVersion returns the last version when so. */
    public boolean sameSettingsAs(FunctionConfiguration other) {
        return handler.equals(other.handler) && memorySize == other.memorySize && timeout == other.timeout
                && environment.equals(other.environment) && runtime.equals(other.runtime)
                && codeSha256.equals(other.codeSha256);
    }
}
