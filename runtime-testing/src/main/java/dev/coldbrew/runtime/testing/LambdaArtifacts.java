package dev.coldbrew.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Lays out what {@code make build} puts under {@code target/lambda}, from what Maven has just packaged:
 * {@code <out>/SharedLayer/java/lib/*.jar} for the layer and {@code <out>/<LogicalId>/lib/*.jar} per function.
 * For tests that run functions on the local Lambda without going through make.
 */
public final class LambdaArtifacts {
    private LambdaArtifacts() {
    }

    /**
     * @param layerLibraryDirectory    where the layer's own library jar is (e.g. {@code shared-layer/target})
     * @param layerDependencyDirectory where its dependencies were copied (e.g. {@code shared-layer/target/layer-lib})
     * @param functions                logical ID to module directory, as {@link FunctionModules#of} gives them
     */
    public static Path layOut(Path out, Path layerLibraryDirectory, Path layerDependencyDirectory, Map<String, Path> functions) {
        Path layerLib = out.resolve("SharedLayer/java/lib");
        copyJars(layerLibraryDirectory, layerLib);
        copyJars(layerDependencyDirectory, layerLib);
        functions.forEach((logicalId, module) -> copyJars(module.resolve("target"), out.resolve(logicalId).resolve("lib")));
        return out;
    }

    /** The layout of a coldbrew project: its registry's functions on the shared-layer module's jars. */
    public static Path layOut(Path out, Path projectRoot) {
        Path layer = projectRoot.resolve("shared-layer/target");
        return layOut(out, layer, layer.resolve("layer-lib"), FunctionModules.of(projectRoot));
    }

    private static void copyJars(Path from, Path to) {
        copyJars(from, name -> true, to);
    }

    /** Copies the jars of a module's build output whose file names pass {@code name} (never test or source jars). */
    public static void copyJars(Path from, Predicate<String> name, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            List<Path> jars = files.filter(file -> {
                String fileName = file.getFileName().toString();
                return fileName.endsWith(".jar") && !fileName.endsWith("-tests.jar") && !fileName.endsWith("-sources.jar")
                        && name.test(fileName);
            }).toList();
            if (jars.isEmpty()) {
                throw new IllegalStateException("No jar in " + from + "; package the project first (`./mvnw install`, as make test does).");
            }
            Files.createDirectories(to);
            for (Path jar : jars) {
                Files.copy(jar, to.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lay out build output from " + from + ": " + e.getMessage(), e);
        }
    }
}
