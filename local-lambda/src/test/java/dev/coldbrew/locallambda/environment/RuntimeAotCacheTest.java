package dev.coldbrew.locallambda.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The java25 runtime's AOT cache: trained once, reused, added to java25 command lines only. */
class RuntimeAotCacheTest {
    private final JvmLocator jvms = new JvmLocator();
    private final List<String> log = new CopyOnWriteArrayList<>();
    @TempDir
    Path directory;

    @BeforeEach
    void needsJdk25() {
        assumeTrue(jvms.forRuntime("java25").major() >= RuntimeAotCache.FIRST_VERSION, "no JDK 25 on this machine");
    }

    @Test
    void concurrentCallersShareOneTrainingAndALaterEmulatorReusesItsCache() throws Exception {
        RuntimeAotCache cache = new RuntimeAotCache(jvms, "us-east-1", directory, log::add);
        Set<Optional<Path>> results = new HashSet<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(3)) {
            List<Future<Optional<Path>>> calls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                calls.add(callers.submit(() -> cache.forRuntime("java25")));
            }
            for (Future<Optional<Path>> call : calls) {
                results.add(call.get());
            }
        }
        assertEquals(1, results.size(), results.toString());
        Path file = results.iterator().next().orElseThrow(() -> new AssertionError("no cache: " + log));
        assertTrue(Files.size(file) > 1 << 20, "a cache of the JDK and the runtime client: " + Files.size(file) + " bytes");
        assertEquals(1, trainings(), log.toString());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no partial file, task root or training log is left");
        }

        RuntimeAotCache later = new RuntimeAotCache(jvms, "us-east-1", directory, log::add);
        assertEquals(Optional.of(file), later.forRuntime("java25"));
        assertEquals(1, trainings(), "found on disk, not trained again: " + log);
    }

    @Test
    void onlyJava25CommandLinesGetTheCacheAndNotWhenTheFunctionBringsItsOwnArchive() throws IOException {
        RuntimeAotCache cache = new RuntimeAotCache(jvms, "us-east-1", directory, log::add);
        EnvironmentLauncher launcher = new EnvironmentLauncher(jvms, "us-east-1", Map.of(), cache);
        Path file = cache.forRuntime("java25").orElseThrow(() -> new AssertionError("no cache: " + log));

        List<String> java25 = launcher.command(function("java25", Map.of()), StartKind.ON_DEMAND);
        assertTrue(java25.contains("-XX:AOTCache=" + file), java25.toString());
        assertFalse(java25.contains("-Xshare:auto"), "the JVM refuses -Xshare beside an AOT cache: " + java25);
        assertTrue(launcher.command(function("java25", Map.of()), StartKind.SNAP_START).contains("-XX:AOTCache=" + file));

        List<String> java21 = launcher.command(function("java21", Map.of()), StartKind.ON_DEMAND);
        assertTrue(java21.stream().noneMatch(argument -> argument.startsWith("-XX:AOTCache")), java21.toString());
        assertTrue(java21.contains("-Xshare:auto"), java21.toString());

        List<String> ownArchive = launcher.command(function("java25",
                Map.of("JAVA_TOOL_OPTIONS", "-XX:SharedArchiveFile=/var/task/app.jsa")), StartKind.ON_DEMAND);
        assertTrue(ownArchive.stream().noneMatch(argument -> argument.startsWith("-XX:AOTCache")), ownArchive.toString());
        assertTrue(ownArchive.contains("-Xshare:auto"), ownArchive.toString());
    }

    @Test
    void aFailedTrainingIsOneWarningAndNoCache() throws IOException {
        Path notADirectory = Files.writeString(directory.resolve("file"), "");
        RuntimeAotCache cache = new RuntimeAotCache(jvms, "us-east-1", notADirectory, log::add);
        assertEquals(Optional.empty(), cache.forRuntime("java25"));
        assertEquals(1, log.size(), log.toString());
        assertTrue(log.getFirst().startsWith("WARNING: the java25 runtime AOT cache could not be created"), log.toString());
        List<String> command = new EnvironmentLauncher(jvms, "us-east-1", Map.of(), cache)
                .command(function("java25", Map.of()), StartKind.ON_DEMAND);
        assertTrue(command.contains("-Xshare:auto"), "the function starts without it: " + command);
    }

    private long trainings() {
        return log.stream().filter(line -> line.contains("trained in")).count();
    }

    private FunctionConfiguration function(String runtime, Map<String, String> environment) {
        return FunctionConfiguration.builder().functionName("f").runtime(runtime).handler("example.Handler::handleRequest")
                .environment(environment).codeDirectory(directory).build();
    }
}
