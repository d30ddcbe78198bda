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

/**
 * The runtime's own JVM flags, and how a function's JAVA_TOOL_OPTIONS changes them; an image function's command and
 * variables.
 */
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

    @Test
    void anImageFunctionRunsItsImagesEntrypointWithTheTemplatesOverridesAndNoJavaFlags() {
        ImageRootFs.Image image = new ImageRootFs.Image(directory.resolve("root"), new ImageArchive.Config(
                List.of("java", "-XX:MaxRAMPercentage=75", "-cp", "@/app/jib-classpath-file", "com.amazonaws.services.lambda.runtime.api.client.AWSLambda"),
                List.of("image.Handler::handleRequest"), List.of("PATH=/opt/java/openjdk/bin:/usr/bin:/bin", "AWS_REGION=eu-central-1"), "/app"));
        FunctionConfiguration overridden = imageFunction(new FunctionConfiguration.ImageConfig(List.of(),
                List.of("template.Handler::handleRequest"), "/var/task"));

        List<String> command = launcher.imageCommand(overridden, image, directory.resolve("tmp"));
        assertEquals(List.of("--mount", "--propagation", "private"), command.subList(1, 4));
        assertTrue(command.get(0).endsWith("unshare"), command.toString());
        assertEquals(List.of("java", "-XX:MaxRAMPercentage=75", "-cp", "@/app/jib-classpath-file",
                        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", "template.Handler::handleRequest"),
                command.subList(command.size() - 6, command.size()), "the image's entrypoint, the template's command");
        String script = command.get(command.indexOf("-c") + 1);
        assertTrue(script.contains("--wd='/var/task'"), "the template's working directory: " + script);
        assertTrue(script.contains("remount,bind,ro '" + directory.resolve("root") + "'"), "a read-only root: " + script);
        assertTrue(script.contains("--bind '" + directory.resolve("tmp") + "' '" + directory.resolve("root/tmp") + "'"), script);
        for (String flag : List.of("MaxHeapSize", "TieredStopAtLevel", "UseSerialGC", "Xshare", "AOTCache", "org.crac", "add-opens")) {
            assertTrue(command.stream().noneMatch(word -> word.contains(flag)), flag + " is the image's business: " + command);
        }

        FunctionConfiguration ownEntrypoint = imageFunction(new FunctionConfiguration.ImageConfig(List.of("/bin/sh", "/entry.sh"),
                List.of(), ""));
        List<String> replaced = launcher.imageCommand(ownEntrypoint, image, directory.resolve("tmp"));
        assertEquals(List.of("/bin/sh", "/entry.sh", "image.Handler::handleRequest"), replaced.subList(replaced.size() - 3, replaced.size()));
        String imageScript = replaced.get(replaced.indexOf("-c") + 1);
        assertTrue(imageScript.contains("--wd='/app'"), "the image's working directory: " + imageScript);
    }

    @Test
    void anImageFunctionGetsItsImagesVariablesThenTheFunctionsThenLambdas() {
        ImageArchive.Config image = new ImageArchive.Config(List.of("/entry.sh"), List.of("image.Handler::handleRequest"),
                List.of("PATH=/opt/java/openjdk/bin:/usr/bin", "JAVA_TOOL_OPTIONS=-Dfrom=image", "IMAGE_ONLY=kept",
                        "AWS_REGION=eu-central-1"), "/app");
        FunctionConfiguration function = imageFunction(FunctionConfiguration.ImageConfig.NONE).toBuilder()
                .environment(Map.of("JAVA_TOOL_OPTIONS", "-Dfrom=function")).build();

        Map<String, String> env = launcher.imageEnvironment(function, image, StartKind.ON_DEMAND, "127.0.0.1:9001");
        assertEquals("/opt/java/openjdk/bin:/usr/bin", env.get("PATH"));
        assertEquals("kept", env.get("IMAGE_ONLY"));
        assertEquals("-Dfrom=function", env.get("JAVA_TOOL_OPTIONS"), "the function's variables over the image's");
        assertEquals("us-east-1", env.get("AWS_REGION"), "Lambda's reserved variables over both");
        assertEquals("image.Handler::handleRequest", env.get("_HANDLER"), "the command's first word");
        assertEquals("/var/task", env.get("LAMBDA_TASK_ROOT"));
        assertEquals("127.0.0.1:9001", env.get("AWS_LAMBDA_RUNTIME_API"), "the same loopback: only mounts are private");
        assertEquals("1024", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
        assertFalse(env.containsKey("AWS_EXECUTION_ENV"), "an image has no managed runtime");
    }

    @Test
    void aLauncherWithoutImageSupportRefusesAnImageFunctionWithAReason() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> launcher.launch(imageFunction(FunctionConfiguration.ImageConfig.NONE), StartKind.ON_DEMAND, "127.0.0.1:9", "env-1"));
        assertTrue(e.getMessage().contains("zip functions only"), e.getMessage());
    }

    private FunctionConfiguration imageFunction(FunctionConfiguration.ImageConfig imageConfig) {
        return FunctionConfiguration.builder().functionName("img").packageType(FunctionConfiguration.IMAGE).memorySize(1024)
                .imageConfig(imageConfig).codeDirectory(directory).code("abc", 1).build();
    }

    private List<String> command(Map<String, String> environment) {
        return launcher.command(function(environment), StartKind.ON_DEMAND);
    }

    private FunctionConfiguration function(Map<String, String> environment) {
        return FunctionConfiguration.builder().functionName("f").runtime("java21").memorySize(1024)
                .handler("example.Handler::handleRequest").environment(environment).codeDirectory(directory).build();
    }
}
