package dev.coldbrew.locallambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.coldbrew.locallambda.environment.TinyImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.PackageType;

/**
 * A container-image function through the emulator: the API shows it as Lambda does, and an invoke runs its image's
 * entrypoint (a shell script here, which exits instead of serving the Runtime API, so the invoke ends as a runtime
 * that exits does).
 */
class ImageFunctionTest {
    private static final String TEMPLATE = """
            Resources:
              ShellImageFunction:
                Type: AWS::Serverless::Function
                Properties:
                  PackageType: Image
                  ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/shell:latest
                  MemorySize: 256
                  Timeout: 10
                  ImageConfig:
                    Command: [template-command]
              NotBuiltFunction:
                Type: AWS::Serverless::Function
                Properties: {PackageType: Image, ImageUri: not-built:latest}
            """;
    private static final String ENTRY_SCRIPT = """
            echo "started with $*"
            (: > /tmp/left-behind) && echo tmp-writable
            exit 3
            """;

    @TempDir
    Path directory;
    private Path template;
    private Path build;

    @BeforeEach
    void writeTemplateAndImage() throws Exception {
        template = directory.resolve("template.yaml");
        Files.writeString(template, TEMPLATE);
        build = directory.resolve("build");
        TinyImage.write(build.resolve("ShellImageFunction/image.tar"), ENTRY_SCRIPT, List.of("image-command"));
    }

    @Test
    void theApiShowsAnImageFunctionAsLambdaDoes() {
        List<String> log = new ArrayList<>();
        try (LocalLambda lambda = LocalLambda.start(LocalLambda.options(template, build).withPort(0).withLogSink(log::add));
             LambdaClient client = LocalLambdaClients.create(lambda.endpoint())) {
            assertTrue(log.stream().anyMatch(line -> line.startsWith("Not served: NotBuiltFunction is a container image function")
                    && line.endsWith("run `make images`.")), log.toString());
            assertEquals(List.of("ShellImageFunction"), lambda.functionNames());

            GetFunctionConfigurationResponse configuration = client.getFunctionConfiguration(r -> r.functionName("ShellImageFunction"));
            assertEquals(PackageType.IMAGE, configuration.packageType());
            assertNull(configuration.runtime(), "an image brings its own runtime");
            assertNull(configuration.handler());
            assertEquals(List.of("template-command"), configuration.imageConfigResponse().imageConfig().command());
            assertEquals(0L, configuration.codeSize(), "Lambda reports no size for an image");
            assertTrue(configuration.codeSha256().matches("[0-9a-f]{64}"), configuration.codeSha256());
            assertEquals("ECR", client.getFunction(r -> r.functionName("ShellImageFunction")).code().repositoryType());
            assertThrows(InvalidParameterValueException.class, () -> client.updateFunctionConfiguration(
                    r -> r.functionName("ShellImageFunction").handler("other.Handler")));
        }
    }

    @Test
    void anInvokeRunsTheImagesEntrypointWithItsOwnKeptTmp() throws Exception {
        String unusable = TinyImage.unusableReason();
        assumeTrue(unusable == null, "This machine cannot run image functions, so this test does not run: " + unusable);
        Path tmpRoot = directory.resolve("environment-tmp");
        try (LocalLambda lambda = LocalLambda.start(LocalLambda.options(template, build).withPort(0)
                .withLogSink(LocalLambdaClients.QUIET).withEnvironmentTmpRoot(tmpRoot));
             LambdaClient client = LocalLambdaClients.create(lambda.endpoint())) {
            InvokeResponse response = LocalLambdaClients.invoke(client, "ShellImageFunction", "{}");
            String log = LocalLambdaClients.log(response);
            assertEquals("Unhandled", response.functionError(), log);
            Map<String, Object> error = JSON.std.mapFrom(response.payload().asByteArray());
            assertEquals("Runtime.ExitError", error.get("errorType"));
            assertTrue(String.valueOf(error.get("errorMessage")).endsWith("Runtime exited with error: exit status 3"), error.toString());
            assertTrue(log.contains("started with template-command"), log);
            assertTrue(log.contains("tmp-writable"), log);
            assertFalse(log.contains("entrypoint starts"), "the sandbox's marker is the emulator's, not the function's log: " + log);
        }
        try (var environments = Files.list(tmpRoot)) {
            List<Path> kept = environments.toList();
            assertEquals(1, kept.size(), kept.toString());
            assertTrue(Files.isRegularFile(kept.get(0).resolve("left-behind")),
                    "a caller's /tmp root keeps what the function wrote after the environment stopped");
        }
    }
}
