package dev.coldbrew.locallambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/** Task roots holding this module's test fault handlers, one per function of faults-template.yaml or aot-template.yaml. */
final class TestArtifacts {
    static final Path FAULTS_TEMPLATE = Path.of("src/test/resources/faults-template.yaml").toAbsolutePath();
    private static final List<String> FAULT_FUNCTIONS = List.of("ThrowingFunction", "SleepingFunction", "ExitingFunction",
            "AllocatingFunction", "FailingInitFunction", "EnvironmentFunction", "SlowInitFunction", "SnapStartFunction",
            "FailingSnapStartFunction", "ProvisionedFunction", "ShutdownHookFunction");
    static final Path AOT_TEMPLATE = Path.of("src/test/resources/aot-template.yaml").toAbsolutePath();
    private static final List<String> AOT_FUNCTIONS = List.of("Java25Function", "Java21Function");

    private TestArtifacts() {
    }

    /**
     * target/test-lambda/faults: each fault function's task root holds the compiled fault handlers, and in
     * {@code lib/} the org.crac API jar that SnapStart priming code ships with.
     */
    static synchronized Path faultsBuild() {
        return build("faults", FAULT_FUNCTIONS);
    }

    /** target/test-lambda/aot: the task roots of aot-template.yaml's functions, laid out as {@link #faultsBuild()}'s. */
    static synchronized Path aotBuild() {
        return build("aot", AOT_FUNCTIONS);
    }

    private static Path build(String name, List<String> logicalIds) {
        Path out = Path.of("target/test-lambda").resolve(name).toAbsolutePath();
        Path classes = Path.of("target/test-classes").toAbsolutePath();
        Path faults = classes.resolve("dev/coldbrew/locallambda/faults");
        for (String logicalId : logicalIds) {
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
