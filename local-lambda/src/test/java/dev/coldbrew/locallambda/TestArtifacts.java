package dev.coldbrew.locallambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Lays out what {@code make build} would put under {@code target/lambda}, from what the reactor has just
 * built (the layer and the reference functions are test dependencies, so they are packaged first), plus
 * task roots holding this module's test fault handlers.
 */
public final class TestArtifacts {
    public static final Path ROOT = Path.of(System.getProperty("coldbrew.root", "..")).toAbsolutePath().normalize();
    public static final Path TEMPLATE = ROOT.resolve("template.yaml");
    static final Path FAULTS_TEMPLATE = Path.of("src/test/resources/faults-template.yaml").toAbsolutePath();
    private static final Map<String, String> FUNCTION_MODULES = Map.of(
            "NoOpFunction", "reference-functions/no-op",
            "CpuBoundFunction", "reference-functions/cpu-bound",
            "NetworkBoundFunction", "reference-functions/network-bound",
            "DynamoDbSerialFunction", "reference-functions/dynamodb-serial");
    private static final List<String> FAULT_FUNCTIONS = List.of("ThrowingFunction", "SleepingFunction", "ExitingFunction",
            "AllocatingFunction", "FailingInitFunction", "EnvironmentFunction");

    private TestArtifacts() {
    }

    /** A reference function's exemplar response, the answer to its exemplar event against the local services. */
    static String exemplar(String module, String file) {
        try {
            return Files.readString(ROOT.resolve("reference-functions").resolve(module).resolve("src/main/resources/exemplar").resolve(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** target/test-lambda with the shared layer and the four reference functions laid out as the Makefile does. */
    public static synchronized Path referenceBuild() {
        Path out = Path.of("target/test-lambda/reference").toAbsolutePath();
        Path layerLib = out.resolve("SharedLayer/java/lib");
        copyJars(ROOT.resolve("shared-layer/target"), layerLib, "coldbrew-runtime-");
        copyJars(ROOT.resolve("shared-layer/target/layer-lib"), layerLib, "");
        FUNCTION_MODULES.forEach((logicalId, module) ->
                copyJars(ROOT.resolve(module).resolve("target"), out.resolve(logicalId).resolve("lib"), ""));
        return out;
    }

    /** target/test-lambda/faults: each fault function's task root holds the compiled fault handlers. */
    static synchronized Path faultsBuild() {
        Path out = Path.of("target/test-lambda/faults").toAbsolutePath();
        Path classes = Path.of("target/test-classes").toAbsolutePath();
        Path faults = classes.resolve("dev/coldbrew/locallambda/faults");
        for (String logicalId : FAULT_FUNCTIONS) {
            Path target = out.resolve(logicalId).resolve("dev/coldbrew/locallambda/faults");
            try (Stream<Path> files = Files.list(faults)) {
                Files.createDirectories(target);
                for (Path file : files.toList()) {
                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    private static void copyJars(Path from, Path to, String prefix) {
        try (Stream<Path> files = Files.list(from)) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().startsWith(prefix)
                    && file.getFileName().toString().endsWith(".jar")
                    && !file.getFileName().toString().endsWith("-tests.jar")
                    && !file.getFileName().toString().endsWith("-sources.jar")).toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("No jar in " + from + "; run the build with `./mvnw install` (make test) so it is packaged first.");
            }
            Files.createDirectories(to);
            for (Path jar : jars) {
                Files.copy(jar, to.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot assemble test build output from " + from + ": " + e.getMessage(), e);
        }
    }
}
