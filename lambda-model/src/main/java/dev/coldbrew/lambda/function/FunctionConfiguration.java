package dev.coldbrew.lambda.function;

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
 * @param runtime       the runtime identifier; empty for an image function, whose image brings its runtime
 * @param handler       the handler string; empty for an image function (its image's command names it)
 * @param codeDirectory the task root ({@code target/lambda/<LogicalId>}); layers bring their own directories. For an
 *                      image function, the directory holding {@link #IMAGE_ARCHIVE}
 * @param packageType   {@link #ZIP} or {@link #IMAGE}
 * @param imageConfig   the template's overrides of the image's entrypoint, command and working directory
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
        String packageType,
        ImageConfig imageConfig,
        String codeSha256,
        long codeSize,
        Instant lastModified,
        String revisionId) {

    public static final String LATEST = "$LATEST";
    public static final String ZIP = "Zip";
    public static final String IMAGE = "Image";
    /** The file an image function runs from, in its code directory: a docker-archive tarball. */
    public static final String IMAGE_ARCHIVE = "image.tar";

    /** A layer as Lambda lists it (ARN) plus where its {@code java/lib} lives locally. */
    public record Layer(String arn, String logicalId, Path directory, long codeSize) {
    }

    /**
     * The template's {@code ImageConfig}: each value, when set, replaces the image's own ({@code ENTRYPOINT},
     * {@code CMD}, {@code WORKDIR}); empty lists and an empty string mean "as the image says".
     */
    public record ImageConfig(List<String> entryPoint, List<String> command, String workingDirectory) {
        public static final ImageConfig NONE = new ImageConfig(List.of(), List.of(), "");

        public ImageConfig {
            entryPoint = List.copyOf(entryPoint);
            command = List.copyOf(command);
        }

        public boolean isEmpty() {
            return entryPoint.isEmpty() && command.isEmpty() && workingDirectory.isEmpty();
        }
    }

    public FunctionConfiguration {
        environment = Map.copyOf(environment);
        layers = List.copyOf(layers);
    }

    public boolean isImage() {
        return IMAGE.equals(packageType);
    }

    /** The docker-archive tarball an image function runs from. */
    public Path imageArchive() {
        return codeDirectory.resolve(IMAGE_ARCHIVE);
    }

    /** The same configuration changed by an update (null keeps a value): new revision, new modification time. */
    public FunctionConfiguration updated(Integer newMemorySize, Integer newTimeout, Map<String, String> newEnvironment,
                                         String newHandler, String newDescription) {
        Builder b = toBuilder();
        if (newMemorySize != null) {
            b.memorySize(newMemorySize);
        }
        if (newTimeout != null) {
            b.timeout(newTimeout);
        }
        if (newEnvironment != null) {
            b.environment(newEnvironment);
        }
        if (newHandler != null) {
            b.handler(newHandler);
        }
        if (newDescription != null) {
            b.description(newDescription);
        }
        return b.newRevision().build();
    }

    /** A published snapshot of this configuration under the given version number. */
    public FunctionConfiguration asVersion(String versionNumber, String versionDescription) {
        Builder b = toBuilder().version(versionNumber).newRevision();
        if (versionDescription != null) {
            b.description(versionDescription);
        }
        return b.build();
    }

    /** Whether two configurations would behave alike; PublishVersion returns the last version when so. */
    public boolean sameSettingsAs(FunctionConfiguration other) {
        return handler.equals(other.handler) && memorySize == other.memorySize && timeout == other.timeout
                && environment.equals(other.environment) && runtime.equals(other.runtime)
                && packageType.equals(other.packageType) && imageConfig.equals(other.imageConfig)
                && codeSha256.equals(other.codeSha256);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.functionName = functionName;
        b.logicalId = logicalId;
        b.version = version;
        b.runtime = runtime;
        b.handler = handler;
        b.description = description;
        b.memorySize = memorySize;
        b.timeout = timeout;
        b.environment = environment;
        b.layers = layers;
        b.codeDirectory = codeDirectory;
        b.architecture = architecture;
        b.snapStartApplyOn = snapStartApplyOn;
        b.packageType = packageType;
        b.imageConfig = imageConfig;
        b.codeSha256 = codeSha256;
        b.codeSize = codeSize;
        b.lastModified = lastModified;
        b.revisionId = revisionId;
        return b;
    }

    /** Named settings with Lambda's defaults: $LATEST, 128 MB, 3 s, x86_64, no SnapStart, a zip package, a fresh revision. */
    public static final class Builder {
        private String functionName;
        private String logicalId;
        private String version = LATEST;
        private String runtime = "";
        private String handler;
        private String description = "";
        private int memorySize = LambdaLimits.DEFAULT_MEMORY_MB;
        private int timeout = LambdaLimits.DEFAULT_TIMEOUT_SECONDS;
        private Map<String, String> environment = Map.of();
        private List<Layer> layers = List.of();
        private Path codeDirectory;
        private String architecture = "x86_64";
        private String snapStartApplyOn = "None";
        private String packageType = ZIP;
        private ImageConfig imageConfig = ImageConfig.NONE;
        private String codeSha256 = "";
        private long codeSize;
        private Instant lastModified = Instant.now();
        private String revisionId = UUID.randomUUID().toString();

        private Builder() {
        }

        public Builder functionName(String value) { functionName = value; return this; }
        public Builder logicalId(String value) { logicalId = value; return this; }
        public Builder version(String value) { version = value; return this; }
        public Builder runtime(String value) { runtime = value; return this; }
        public Builder handler(String value) { handler = value; return this; }
        public Builder description(String value) { description = value; return this; }
        public Builder memorySize(int value) { memorySize = value; return this; }
        public Builder timeout(int value) { timeout = value; return this; }
        public Builder environment(Map<String, String> value) { environment = value; return this; }
        public Builder layers(List<Layer> value) { layers = value; return this; }
        public Builder codeDirectory(Path value) { codeDirectory = value; return this; }
        public Builder architecture(String value) { architecture = value; return this; }
        public Builder snapStartApplyOn(String value) { snapStartApplyOn = value; return this; }
        public Builder packageType(String value) { packageType = value; return this; }
        public Builder imageConfig(ImageConfig value) { imageConfig = value; return this; }
        public Builder code(String sha256, long size) { codeSha256 = sha256; codeSize = size; return this; }

        /** A new modification time and revision ID, as every update and publish gets. */
        public Builder newRevision() {
            lastModified = Instant.now();
            revisionId = UUID.randomUUID().toString();
            return this;
        }

        public FunctionConfiguration build() {
            boolean image = IMAGE.equals(packageType);
            if (!image && !ZIP.equals(packageType)) {
                throw new IllegalStateException("PackageType must be " + ZIP + " or " + IMAGE + ", was " + packageType + ".");
            }
            if (functionName == null || codeDirectory == null || (handler == null && !image)) {
                throw new IllegalStateException("A function configuration needs a name, a handler and a code directory.");
            }
            return new FunctionConfiguration(functionName, logicalId == null ? functionName : logicalId, version, runtime,
                    handler == null ? "" : handler, description, memorySize, timeout, environment, layers, codeDirectory,
                    architecture, snapStartApplyOn, packageType, imageConfig, codeSha256, codeSize, lastModified, revisionId);
        }
    }
}
