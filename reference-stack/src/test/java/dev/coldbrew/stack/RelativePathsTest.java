package dev.coldbrew.stack;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.locallambda.LocalLambda;
import dev.coldbrew.locallambda.LocalLambdaClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** The emulator embedded with relative paths, as `LocalLambdaMain` is with its defaults. */
class RelativePathsTest {
    private static final Path WORKING_DIRECTORY = Path.of("").toAbsolutePath();

    @Test
    void aFunctionOnALayerRunsFromARelativeBuildDirectory() {
        Path template = WORKING_DIRECTORY.relativize(ReferenceStack.TEMPLATE);
        Path build = WORKING_DIRECTORY.relativize(ReferenceStack.build());
        assertTrue(!template.isAbsolute() && !build.isAbsolute(), template + " " + build);
        try (LocalLambda lambda = LocalLambda.start(LocalLambda.options(template, build).withPort(0)
                .withParameterOverrides(Map.of("DownstreamUrl", "http://127.0.0.1:9"))
                .withOnlyFunctions(Set.of("NoOpFunction")).withLogSink(LocalLambdaClients.QUIET));
             LambdaClient client = LocalLambdaClients.create(lambda.endpoint())) {
            InvokeResponse response = LocalLambdaClients.invoke(client, "NoOpFunction", "{}");
            assertNull(response.functionError(), "the layer's classes load: " + LocalLambdaClients.log(response));
        }
    }

    @Test
    void aMissingLayerDirectoryIsAStartUpErrorNamingLayerAndPath() throws IOException {
        Path build = Files.createTempDirectory(WORKING_DIRECTORY.resolve("target"), "no-layer");
        Files.createDirectories(build.resolve("NoOpFunction/lib"));
        Path relative = WORKING_DIRECTORY.relativize(build);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalLambda.start(
                LocalLambda.options(WORKING_DIRECTORY.relativize(ReferenceStack.TEMPLATE), relative).withPort(0)
                        .withParameterOverrides(Map.of("DownstreamUrl", "http://127.0.0.1:9"))
                        .withOnlyFunctions(Set.of("NoOpFunction")).withLogSink(LocalLambdaClients.QUIET)));
        assertTrue(e.getMessage().contains("layer SharedLayer"), e.getMessage());
        assertTrue(e.getMessage().contains(build.resolve("SharedLayer/java/lib").toString()), e.getMessage());
    }
}
