package dev.coldbrew.tuner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@code make build} puts under target/lambda, laid out from the jars the reactor has just packaged
 * (the layer and the four reference functions are test dependencies of this module, so they come first).
 */
final class TestBuild {
    static final Path ROOT = Path.of(System.getProperty("coldbrew.root", "..")).toAbsolutePath().normalize();
    private static final Map<String, String> MODULES = Map.of(
            "NoOpFunction", "reference-functions/no-op",
            "CpuBoundFunction", "reference-functions/cpu-bound",
            "NetworkBoundFunction", "reference-functions/network-bound",
            "DynamoDbSerialFunction", "reference-functions/dynamodb-serial");

    private TestBuild() {
    }

    static synchronized Path lambdaArtifacts() {
        Path out = Path.of("target/test-lambda").toAbsolutePath();
        Path layer = out.resolve("SharedLayer/java/lib");
        copyJars(ROOT.resolve("shared-layer/target"), layer, "coldbrew-runtime-");
        copyJars(ROOT.resolve("shared-layer/target/layer-lib"), layer, "");
        MODULES.forEach((id, module) -> copyJars(ROOT.resolve(module).resolve("target"), out.resolve(id).resolve("lib"), ""));
        return out;
    }

    private static void copyJars(Path from, Path to, String prefix) {
        try (Stream<Path> files = Files.list(from)) {
            List<Path> jars = files.filter(f -> {
                String name = f.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(".jar") && !name.endsWith("-tests.jar") && !name.endsWith("-sources.jar");
            }).toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("No jar in " + from + "; build with ./mvnw install (make test) first.");
            }
            Files.createDirectories(to);
            for (Path jar : jars) {
                Files.copy(jar, to.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out test artifacts from " + from + ": " + e.getMessage(), e);
        }
    }
}
