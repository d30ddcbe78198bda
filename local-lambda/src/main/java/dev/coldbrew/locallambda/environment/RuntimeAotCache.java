package dev.coldbrew.locallambda.environment;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The AOT cache Lambda's java25 runtime ships for the JDK and the runtime interface client, made here by a
 * training run of the real runtime client: init and one invoke of {@link TrainingHandler} against a Runtime API
 * of its own, then SIGTERM, on which the JVM writes the cache. Lambda's own training workload is not published;
 * this one is the smallest that runs the runtime client's whole path. The class path is the runtime client's
 * jars alone, which every environment's class path starts with (layers follow), so the cache fits every
 * environment; functions are loaded by the runtime client from their task root and, as on Lambda, are not in
 * it. Trained once per JVM build and runtime client, kept under a per-user directory and reused by later
 * emulators. A failed training costs a warning, never a function start.
 */
public final class RuntimeAotCache {
    /** java25 is the first runtime with an AOT cache, and JDK 25 the first that writes one in a single run. */
    static final int FIRST_VERSION = 25;
    /** Init and one invoke take well under a second; the JVM then writes the cache in a second JVM. */
    private static final long TRAINING_LIMIT_SECONDS = 120;

    private final JvmLocator jvms;
    private final String region;
    private final Path directory;
    private final Consumer<String> logSink;
    private final ConcurrentHashMap<Path, CompletableFuture<Optional<Path>>> caches = new ConcurrentHashMap<>();

    /**
     * @param directory where caches are kept, one subdirectory per JVM build, launcher flags and runtime client
     * @param logSink   where training results and the warning of a failed training go
     */
    public RuntimeAotCache(JvmLocator jvms, String region, Path directory, Consumer<String> logSink) {
        this.jvms = jvms;
        this.region = region;
        this.directory = directory;
        this.logSink = logSink;
    }

    /** {@code ${java.io.tmpdir}/coldbrew-aot-<user>}: caches outlive one emulator, and are never shared between users. */
    public static Path userDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "coldbrew-aot-" + System.getProperty("user.name"));
    }

    /**
     * The cache for a runtime's environments: for {@code java25} and later on a JDK 25 or later, trained on the
     * first call (concurrent callers wait for that one training) or found on disk; empty for earlier runtimes
     * and when the training failed.
     */
    public Optional<Path> forRuntime(String runtime) {
        JvmLocator.Jvm jvm = jvms.forRuntime(runtime);
        if (EnvironmentLauncher.runtimeVersion(runtime) < FIRST_VERSION || jvm.major() < FIRST_VERSION) {
            return Optional.empty();
        }
        CompletableFuture<Optional<Path>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Path>> cache = caches.putIfAbsent(jvm.home(), mine);
        if (cache == null) {
            mine.complete(createOrReuse(runtime, jvm));
            cache = mine;
        }
        // A cache deleted since (a tmp cleaner) is left out: the JVM would print errors into the function's log.
        return cache.join().filter(Files::isRegularFile);
    }

    private Optional<Path> createOrReuse(String runtime, JvmLocator.Jvm jvm) {
        EnvironmentLauncher launcher = new EnvironmentLauncher(jvms, region, Map.of());
        try {
            Path cache = directory.resolve(key(launcher, runtime, jvm)).resolve("runtime.aot");
            if (Files.isRegularFile(cache)) {
                logSink.accept(runtime + " runtime AOT cache: " + cache);
                return Optional.of(cache);
            }
            long start = System.nanoTime();
            train(launcher, runtime, cache);
            logSink.accept(String.format("%s runtime AOT cache: trained in %d ms, %s", runtime,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), cache));
            return Optional.of(cache);
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof IllegalStateException ? e.getMessage() : e.toString();
            logSink.accept("WARNING: the " + runtime + " runtime AOT cache could not be created (" + reason + "); "
                    + runtime + " environments start without it.");
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Runs the runtime client with the launcher's own command for an on-demand start, plus
     * {@code -XX:AOTCacheOutput}, through init and one invoke, then stops it with SIGTERM; the JVM writes the
     * cache as it exits. It is written beside the final file and moved into place, so a concurrent emulator
     * sees the whole file or none.
     */
    private void train(EnvironmentLauncher launcher, String runtime, Path cache) throws IOException, InterruptedException {
        Files.createDirectories(cache.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path taskRoot = Files.createTempDirectory(cache.getParent(), "task-root");
        Path partial = cache.resolveSibling("runtime." + ProcessHandle.current().pid() + ".partial.aot");
        Path log = cache.resolveSibling("training-" + ProcessHandle.current().pid() + ".log");
        CompletableFuture<Void> invoked = new CompletableFuture<>();
        try (RuntimeApiServer api = new RuntimeApiServer(new OneInvoke(invoked))) {
            installHandler(taskRoot);
            FunctionConfiguration trainee = trainee(runtime, taskRoot);
            ProcessBuilder builder = new ProcessBuilder(launcher.command(trainee, StartKind.ON_DEMAND,
                    Optional.of("-XX:AOTCacheOutput=" + partial)))
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(launcher.environment(trainee, StartKind.ON_DEMAND, api.address()));
            Process process = builder.start();
            try {
                CompletableFuture.anyOf(invoked, process.onExit()).get(TRAINING_LIMIT_SECONDS, TimeUnit.SECONDS);
                if (!invoked.isDone()) {
                    throw new IllegalStateException("the training run exited with status " + process.exitValue() + ", see " + log);
                }
                process.destroy();
                if (!process.waitFor(TRAINING_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the training run did not write the cache within " + TRAINING_LIMIT_SECONDS + " s");
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause().getMessage() + ", see " + log, e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("the training run did not complete an invoke within " + TRAINING_LIMIT_SECONDS + " s, see " + log, e);
            } finally {
                process.destroyForcibly();
            }
            if (!Files.isRegularFile(partial) || Files.size(partial) == 0) {
                throw new IllegalStateException("the training run wrote no cache, see " + log);
            }
            Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.delete(log);
        } finally {
            // A training run killed before it finished leaves its cache and the JVM's temporary configuration.
            Files.deleteIfExists(partial);
            Files.deleteIfExists(Path.of(partial + ".config"));
            deleteTree(taskRoot);
        }
    }

    /** A java25 function as small as Lambda's hello world, whose task root holds only the training handler. */
    private static FunctionConfiguration trainee(String runtime, Path taskRoot) {
        return FunctionConfiguration.builder().functionName("coldbrew-aot-training").runtime(runtime)
                .handler(TrainingHandler.class.getName() + "::handleRequest").memorySize(1769).timeout(60)
                .codeDirectory(taskRoot).build();
    }

    private static void installHandler(Path taskRoot) throws IOException {
        String classFile = TrainingHandler.class.getName().replace('.', '/') + ".class";
        Path target = taskRoot.resolve(classFile);
        Files.createDirectories(target.getParent());
        try (InputStream in = TrainingHandler.class.getClassLoader().getResourceAsStream(classFile)) {
            if (in == null) {
                throw new IllegalStateException("no " + classFile + " on the emulator's class path");
            }
            Files.copy(in, target);
        }
    }

    /**
     * A cache fits one JVM build, one class path and the JVM options that decide its layout (the garbage
     * collector among them), so the key is the JVM's home and release file, the launcher's command without the
     * per-process JNI path, and each runtime client jar's path, size and modification time.
     */
    private static String key(EnvironmentLauncher launcher, String runtime, JvmLocator.Jvm jvm) throws IOException {
        StringBuilder key = new StringBuilder(jvm.home().toString()).append('\n');
        Path release = jvm.home().resolve("release");
        if (Files.isRegularFile(release)) {
            key.append(Files.readString(release));
        }
        // The task root is not on the command line; any path does.
        for (String argument : launcher.command(trainee(runtime, jvm.home()), StartKind.ON_DEMAND, Optional.empty())) {
            if (!argument.startsWith("-D" + RuntimeClientClasspath.JNI_PROPERTY)) {
                key.append(argument).append('\n');
            }
        }
        for (Path jar : RuntimeClientClasspath.jars()) {
            key.append(jar).append(' ').append(Files.size(jar)).append(' ').append(Files.getLastModifiedTime(jar).toMillis()).append('\n');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The training run's Runtime API: one invoke; the runtime's next request says that invoke is over. */
    private static final class OneInvoke implements RuntimeApiServer.Listener {
        private final CompletableFuture<Void> invoked;
        private final Invocation invocation = new Invocation("{\"greeting\":\"hello\"}".getBytes(StandardCharsets.UTF_8),
                "arn:aws:lambda:us-east-1:123456789012:function:coldbrew-aot-training");
        private boolean handedOut;

        OneInvoke(CompletableFuture<Void> invoked) {
            this.invoked = invoked;
        }

        @Override
        public Invocation next() throws InterruptedException {
            synchronized (this) {
                if (!handedOut) {
                    handedOut = true;
                    return invocation;
                }
            }
            invoked.complete(null);
            // Wait here until the JVM is stopped and the server closes.
            Thread.sleep(Long.MAX_VALUE);
            return null;
        }

        @Override
        public void response(String requestId, byte[] body) {
        }

        @Override
        public void error(String requestId, byte[] body, String errorType) {
            invoked.completeExceptionally(new IllegalStateException("the training invoke failed: " + new String(body, StandardCharsets.UTF_8)));
        }

        @Override
        public void initError(byte[] body, String errorType) {
            invoked.completeExceptionally(new IllegalStateException("the training init failed: " + new String(body, StandardCharsets.UTF_8)));
        }

        @Override
        public void restoreNext() {
            throw new UnsupportedOperationException("the training run is not SnapStart");
        }

        @Override
        public void restoreError(byte[] body, String errorType) {
        }

        @Override
        public String deadlineMs(Invocation invocation) {
            return String.valueOf(System.currentTimeMillis() + 60_000);
        }
    }
}
