package dev.coldbrew.locallambda.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import dev.coldbrew.locallambda.cgroup.ResourceGroup;
import dev.coldbrew.locallambda.cgroup.ResourceLimiter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link TinyImage} run with the launcher's command, inside a cgroup as an environment is: its script reports what
 * it sees from inside. Needs root.
 */
class ImageSandboxTest {
    private static final long MEMORY_BYTES = 256L * 1024 * 1024;
    private static final String ENTRY_SCRIPT = """
            echo "args=$*"
            echo "pid=$$"
            echo "pwd=$(pwd)"
            echo "handler=$_HANDLER"
            if (: > /tmp/written) 2>/dev/null; then echo tmp-writable; else echo tmp-readonly; fi
            if (: > /etc/written) 2>/dev/null; then echo etc-writable; else echo etc-readonly; fi
            if [ -r /proc/self/status ]; then echo proc-mounted; fi
            while IFS=: read -r id controllers path; do
              echo "cgroup=$controllers:$path"
              case "$controllers" in
                memory) file=/sys/fs/cgroup/memory$path/memory.limit_in_bytes ;;
                '') file=/sys/fs/cgroup$path/memory.max ;;
                *) continue ;;
              esac
              if [ -f "$file" ]; then
                read -r limit < "$file"
                echo "memory-limit=$limit"
                if (: > "$file") 2>/dev/null; then echo "cgroup-writable $file"; else echo cgroup-readonly; fi
              fi
            done < /proc/self/cgroup
            """;

    @TempDir
    Path directory;

    @Test
    void anImageRunsInItsRootWithItsOwnTmpReadOnlyElsewhereWithProcAndItsCgroup() throws Exception {
        String unusable = TinyImage.unusableReason();
        assumeTrue(unusable == null, "This machine cannot run image functions, so this test does not run: " + unusable);
        FunctionConfiguration function = tinyImage();
        Path tmpRoot = directory.resolve("environment-tmp");
        ResourceLimiter limiter = ResourceLimiter.detect();
        ResourceGroup group = null;
        Process process = null;
        try (ImageRootFs images = new ImageRootFs()) {
            EnvironmentLauncher launcher = new EnvironmentLauncher(new JvmLocator(), "us-east-1", Map.of(), null, images,
                    PrivateTmp.keptUnder(tmpRoot));
            EnvironmentLauncher.Launch launch = launcher.launch(function, StartKind.ON_DEMAND, "127.0.0.1:9", "env-test");
            group = limiter.create("image-sandbox-test", 1000, MEMORY_BYTES);
            ProcessBuilder builder = new ProcessBuilder(group.wrap(launch.command())).directory(launch.directory().toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(launch.environment());
            process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), output);
            assertEquals(0, process.exitValue(), output);
            List<String> lines = output.lines().toList();

            assertTrue(lines.contains("args=template-command"), "the template's Command replaces the image's CMD: " + output);
            assertTrue(lines.contains("pid=" + process.pid()), "no fork on the way: the emulator signals the runtime itself: " + output);
            assertTrue(lines.contains("pwd=/work"), "the image's working directory: " + output);
            assertTrue(lines.contains("handler=template-command"), output);
            assertTrue(lines.contains("tmp-writable"), output);
            assertTrue(lines.contains("etc-readonly"), "the rest of the root is read-only: " + output);
            assertTrue(lines.contains("proc-mounted"), output);
            try (var written = Files.list(tmpRoot)) {
                List<Path> environments = written.toList();
                assertEquals(1, environments.size(), environments.toString());
                assertTrue(environments.get(0).getFileName().toString().startsWith("Tiny-env-test-"));
                assertTrue(Files.isRegularFile(environments.get(0).resolve("written")),
                        "the file written to /tmp is in the environment's host directory, kept under a caller's root");
            }
            if (limiter.throttled()) {
                assertTrue(lines.stream().anyMatch(line -> line.startsWith("cgroup=") && line.endsWith("/image-sandbox-test")),
                        "it runs in the environment's cgroup: " + output);
                assertTrue(lines.contains("memory-limit=" + MEMORY_BYTES), "the limit a JVM sizes its heap from: " + output);
                assertTrue(lines.contains("cgroup-readonly"), output);
                assertTrue(lines.stream().noneMatch(line -> line.startsWith("cgroup-writable")), output);
            }
            launch.afterExit().run();
            assertFalse(Files.readString(Path.of("/proc/self/mountinfo")).contains(images.unpack(function).root().toString()),
                    "the mounts stayed in the environment's namespace");
        } finally {
            if (process != null) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            if (group != null) {
                group.close();
            }
            limiter.close();
        }
    }

    private FunctionConfiguration tinyImage() throws IOException, InterruptedException {
        Path code = directory.resolve("Tiny");
        TinyImage.write(code.resolve(FunctionConfiguration.IMAGE_ARCHIVE), ENTRY_SCRIPT, List.of("image-command"));
        return FunctionConfiguration.builder().functionName("Tiny").packageType(FunctionConfiguration.IMAGE).memorySize(256)
                .imageConfig(new FunctionConfiguration.ImageConfig(List.of(), List.of("template-command"), ""))
                .codeDirectory(code).code("tiny-image", 1).build();
    }
}
