package dev.coldbrew.locallambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Task roots holding this module's test fault handlers, one per function of faults-template.yaml. */
final class TestArtifacts {
    static final Path FAULTS_TEMPLATE = Path.of("src/test/resources/faults-template.yaml").toAbsolutePath();
    private static final List<String> FAULT_FUNCTIONS = List.of("ThrowingFunction", "SleepingFunction", "ExitingFunction",
            "AllocatingFunction", "FailingInitFunction", "EnvironmentFunction", "SlowInitFunction", "SnapStartFunction",
            "FailingSnapStartFunction", "ProvisionedFunction");

    private TestArtifacts() {
    }

    /**
     * target/test-lambda/faults: each fault function's task root holds the compiled fault handlers, and in
     * {@code lib/} the org.crac API jar that SnapStart priming code ships with.
     */
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
                Path crac = Path.of(org.crac.Core.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Files.createDirectories(out.resolve(logicalId).resolve("lib"));
                Files.copy(crac, out.resolve(logicalId).resolve("lib").resolve(crac.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }
}
