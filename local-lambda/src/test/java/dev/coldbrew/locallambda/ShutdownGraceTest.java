package dev.coldbrew.locallambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** How environments are stopped: killed at once by default, as on Lambda; with a grace, SIGTERM first. */
class ShutdownGraceTest {
    @TempDir
    Path directory;

    @Test
    void withAGraceAStoppedRuntimeRunsItsShutdownHooks() throws Exception {
        Path marker = directory.resolve("graceful");
        runOnceAndClose(LocalLambda.options(TestArtifacts.FAULTS_TEMPLATE, TestArtifacts.faultsBuild())
                .withShutdownGrace(Duration.ofSeconds(30)), marker);
        assertEquals("shutdown hook ran", Files.readString(marker));
    }

    @Test
    void byDefaultARuntimeIsKilledWithoutRunningThem() throws Exception {
        Path marker = directory.resolve("killed");
        runOnceAndClose(LocalLambda.options(TestArtifacts.FAULTS_TEMPLATE, TestArtifacts.faultsBuild()), marker);
        assertFalse(Files.exists(marker), "SIGKILL runs no shutdown hook");
    }

    private static void runOnceAndClose(LocalLambda.Options options, Path marker) {
        try (LocalLambda lambda = LocalLambda.start(options.withPort(0).withLogSink(LocalLambdaClients.QUIET)
                .withOnlyFunctions(Set.of("ShutdownHookFunction"))
                .withEnvironmentOverrides(Map.of("SHUTDOWN_MARKER", marker.toString())));
             LambdaClient client = LocalLambdaClients.create(lambda.endpoint())) {
            InvokeResponse response = LocalLambdaClients.invoke(client, "ShutdownHookFunction", "{}");
            assertNull(response.functionError(), response.payload().asUtf8String());
        }
    }
}
