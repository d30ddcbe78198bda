package dev.coldbrew.locallambda;

import dev.coldbrew.runtime.testing.FunctionModules;
import dev.coldbrew.runtime.testing.LambdaArtifacts;
import dev.coldbrew.runtime.testing.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The build output tests run on: the reference functions laid out as {@code make build} would (from what the
 * reactor has just packaged, through coldbrew-runtime-testing's {@link LambdaArtifacts}), plus task roots
 * holding this module's test fault handlers.
 */
public final class TestArtifacts {
    public static final Path ROOT = ProjectRoot.find();
    public static final Path TEMPLATE = ROOT.resolve("template.yaml");
    static final Path FAULTS_TEMPLATE = Path.of("src/test/resources/faults-template.yaml").toAbsolutePath();
    private static final List<String> FAULT_FUNCTIONS = List.of("ThrowingFunction", "SleepingFunction", "ExitingFunction",
            "AllocatingFunction", "FailingInitFunction", "EnvironmentFunction");

    private TestArtifacts() {
    }

    /** A reference function's exemplar file (event.json or response.json), from its module's sources. */
    static String exemplar(String logicalId, String file) {
        try {
            return Files.readString(FunctionModules.of(ROOT).get(logicalId).resolve("src/main/resources/exemplar").resolve(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** target/test-lambda/reference: the shared layer and every function of the registry. */
    public static synchronized Path referenceBuild() {
        return LambdaArtifacts.layOut(Path.of("target/test-lambda/reference").toAbsolutePath(), ROOT);
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
}
