package dev.coldbrew.stack;

import dev.coldbrew.runtime.testing.FunctionModules;
import dev.coldbrew.runtime.testing.LambdaArtifacts;
import dev.coldbrew.runtime.testing.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference stack's files: the template, the build output laid out from the reactor's jars, exemplars. */
final class ReferenceStack {
    static final Path ROOT = ProjectRoot.find();
    static final Path TEMPLATE = ROOT.resolve("template.yaml");

    private ReferenceStack() {
    }

    /** target/test-lambda: the shared layer and every function of the registry, as make build lays them out. */
    static synchronized Path build() {
        return LambdaArtifacts.layOut(Path.of("target/test-lambda").toAbsolutePath(), ROOT);
    }

    /** A function's exemplar file (event.json or response.json), from its module's sources. */
    static String exemplar(String logicalId, String file) {
        try {
            return Files.readString(FunctionModules.of(ROOT).get(logicalId).resolve("src/main/resources/exemplar").resolve(file)).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
