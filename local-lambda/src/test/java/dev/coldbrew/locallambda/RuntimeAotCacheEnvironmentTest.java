package dev.coldbrew.locallambda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.coldbrew.locallambda.environment.JvmLocator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * A java25 environment's JVM loads the runtime client from the runtime's AOT cache and the function from its
 * task root, as on Lambda; a java21 environment on the same JDK loads the runtime client from its jars. The JVMs
 * say so in their class-loading logs, which JAVA_TOOL_OPTIONS sends to a file per process.
 */
class RuntimeAotCacheEnvironmentTest {
    private static final String RUNTIME_CLIENT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final String HANDLER = "dev.coldbrew.locallambda.faults.EnvironmentHandler";
    private static final String FROM_CACHE = "source: shared objects file";

    @TempDir
    Path logs;

    @Test
    void java25LoadsTheRuntimeClientFromTheCacheAndJava21DoesNot() throws IOException {
        assumeTrue(new JvmLocator().forRuntime("java25").major() >= 25, "no JDK 25 on this machine");
        String classLoadLog = "-Xlog:aot,class+load:file=" + logs.resolve("%p.log");
        try (LocalLambda lambda = LocalLambda.start(LocalLambda.options(TestArtifacts.AOT_TEMPLATE, TestArtifacts.aotBuild())
                .withPort(0).withLogSink(LocalLambdaClients.QUIET)
                .withEnvironmentOverrides(Map.of("JAVA_TOOL_OPTIONS", classLoadLog)));
             LambdaClient client = LocalLambdaClients.create(lambda.endpoint())) {
            String java25 = classLoadLog(client, "Java25Function");
            assertTrue(java25.contains("Opened AOT cache"), java25);
            assertTrue(loadLine(java25, RUNTIME_CLIENT).contains(FROM_CACHE), loadLine(java25, RUNTIME_CLIENT));
            assertFalse(loadLine(java25, HANDLER).contains(FROM_CACHE), "the function's classes are not in the runtime's cache: "
                    + loadLine(java25, HANDLER));

            String java21 = classLoadLog(client, "Java21Function");
            assertFalse(java21.contains("Opened AOT cache"), "java21 has no AOT cache");
            assertTrue(loadLine(java21, RUNTIME_CLIENT).contains("source: file:"), loadLine(java21, RUNTIME_CLIENT));
        }
    }

    /** Invokes the function (a cold start) and reads its JVM's log, found by the pid the handler reports. */
    private String classLoadLog(LambdaClient client, String function) throws IOException {
        InvokeResponse response = LocalLambdaClients.invoke(client, function, "{}");
        assertNull(response.functionError(), response.payload().asUtf8String());
        Object pid = JSON.std.mapFrom(response.payload().asByteArray()).get("pid");
        return Files.readString(logs.resolve(pid + ".log"));
    }

    private static String loadLine(String log, String className) {
        return log.lines().filter(line -> line.contains(" " + className + " source:")).findFirst()
                .orElseThrow(() -> new AssertionError(className + " was not loaded:\n" + log));
    }
}
