package dev.coldbrew.locallambda.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's own JVM flags, and how a function's JAVA_TOOL_OPTIONS changes them. */
class EnvironmentLauncherTest {
    private final EnvironmentLauncher launcher = new EnvironmentLauncher(new JvmLocator(), "us-east-1", Map.of(), null);
    @TempDir
    Path directory;

    @Test
    void serialGcUnlessTheFunctionChoosesAnotherCollector() {
        assertTrue(command(Map.of()).contains("-XX:+UseSerialGC"));
        List<String> parallel = command(Map.of("JAVA_TOOL_OPTIONS", "-XX:+UseParallelGC -Xlog:gc"));
        assertFalse(parallel.contains("-XX:+UseSerialGC"), "two collectors stop the JVM: " + parallel);
    }

    @Test
    void onDemandStartsGetC1OnlyUnlessTheFunctionSetsItsOwnTiering() {
        assertTrue(command(Map.of()).contains("-XX:TieredStopAtLevel=1"));
        assertFalse(command(Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=4")).contains("-XX:TieredStopAtLevel=1"));
        assertFalse(launcher.command(function(Map.of()), StartKind.PROVISIONED).contains("-XX:TieredStopAtLevel=1"));
    }

    @Test
    void heapIsEightyFivePercentOfTheMemorySize() {
        assertEquals(1, command(Map.of()).stream().filter(flag -> flag.equals("-XX:MaxHeapSize=" + 1024 * 1024 * 85 / 100 + "k")).count());
    }

    private List<String> command(Map<String, String> environment) {
        return launcher.command(function(environment), StartKind.ON_DEMAND);
    }

    private FunctionConfiguration function(Map<String, String> environment) {
        return FunctionConfiguration.builder().functionName("f").runtime("java21").memorySize(1024)
                .handler("example.Handler::handleRequest").environment(environment).codeDirectory(directory).build();
    }
}
