package dev.coldbrew.images;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import dev.coldbrew.locallambda.LocalLambda;
import dev.coldbrew.locallambda.LocalLambdaClients;
import dev.coldbrew.locallambda.services.LocalServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Trains an image function's AOT cache by running it as Lambda would: the image's own JVM, file layout and
 * entrypoint on the local Lambda, the real runtime client, its exemplar event through the Lambda API, the
 * template's local services (DynamoDB Local) and nothing else. The JVM runs with {@code -XX:AOTCacheOutput}
 * added to the function's {@code JAVA_TOOL_OPTIONS}; stopping the environment with SIGTERM makes it write the
 * cache into the environment's /tmp, from where it is copied out.
 *
 * <p>{@code --verify} checks an image built with its cache instead: with {@code -XX:AOTMode=on} the JVM refuses
 * to start unless it can use the cache (a cache trained on other files or another JVM is otherwise dropped
 * silently), and the class-loading log must show the handler's classes coming from it.
 */
@Command(name = "image-training", mixinStandardHelpOptions = true,
        description = "Trains (or, with --verify, checks) the AOT cache of a container-image function on the local Lambda.")
public final class ImageTraining implements Callable<Integer> {
    static final String CACHE_IN_TMP = "/tmp/coldbrew-training.aot";
    static final String CLASS_LOG_IN_TMP = "/tmp/coldbrew-class-load.log";
    /** Writing a cache of some 50 MB at the function's CPU share takes seconds; the JVM gets this long after SIGTERM. */
    private static final Duration DUMP_GRACE = Duration.ofSeconds(120);

    @Option(names = "--template", required = true, description = "SAM template holding the image function.")
    Path template;

    @Option(names = "--build-dir", required = true, description = "Build output; the image is <build-dir>/<function>/image.tar.")
    Path buildDirectory;

    @Option(names = "--function", required = true, description = "Logical ID of the image function.")
    String function;

    @Option(names = "--parameter-override", paramLabel = "NAME=VALUE", description = "Template parameter, repeatable (e.g. the image URI that includes the function).")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Option(names = "--event", required = true, description = "The event to train on (the function's exemplar).")
    Path event;

    @Option(names = "--invokes", defaultValue = "3", description = "Invokes in the training run: one cold, the rest warm (default: ${DEFAULT-VALUE}).")
    int invokes;

    @Option(names = "--cache-out", description = "Where the trained cache goes (training).")
    Path cacheOut;

    @Option(names = "--keep-untrained", description = "Copy the untrained image here before the trained one replaces it (for comparisons).")
    Path keepUntrained;

    @Option(names = "--verify", description = "Check that the image uses its cache instead of training one.")
    boolean verify;

    @Option(names = "--handler-class", description = "With --verify: the class that must come from the cache (the handler's).")
    String handlerClass;

    public static void main(String[] args) {
        System.exit(new CommandLine(new ImageTraining())
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    // A failed training or check says what failed, without a stack trace.
                    commandLine.getErr().println("image-training: " + e.getMessage());
                    return 1;
                })
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (verify ? handlerClass == null : cacheOut == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), verify
                    ? "--verify needs --handler-class" : "--cache-out is required to train");
        }
        String payload = Files.readString(event, StandardCharsets.UTF_8);
        Path tmpRoot = Files.createTempDirectory("coldbrew-image-training");
        try {
            String extraOptions = verify
                    ? "-XX:AOTMode=on -Xlog:class+load=info:file=" + CLASS_LOG_IN_TMP
                    : "-XX:AOTCacheOutput=" + CACHE_IN_TMP;
            run(payload, extraOptions, tmpRoot);
            return verify ? verifyClassLoading(tmpRoot) : collectCache(tmpRoot);
        } finally {
            try {
                ImageRoot.deleteRecursively(tmpRoot);
            } catch (UncheckedIOException e) {
                // The run's own result matters more than a leftover temporary directory.
                System.err.println("image-training: could not remove " + tmpRoot + ": " + e.getMessage());
            }
        }
    }

    /** The function on the local Lambda with the extra JVM options, invoked, then stopped with SIGTERM. */
    private void run(String payload, String extraOptions, Path tmpRoot) throws IOException {
        LocalLambda.Options options = LocalLambda.options(template, buildDirectory).withPort(0)
                .withParameterOverrides(parameters).withOnlyFunctions(Set.of(function))
                .withShutdownGrace(DUMP_GRACE).withEnvironmentTmpRoot(tmpRoot).withLogSink(LocalLambdaClients.QUIET);
        try (LocalServices services = LocalServices.start(options, null);
             LocalLambda lambda = LocalLambda.start(services.applyTo(options));
             LambdaClient client = LocalLambdaClients.create(lambda.endpoint())) {
            Map<String, String> variables = new LinkedHashMap<>(
                    client.getFunctionConfiguration(r -> r.functionName(function)).environment().variables());
            variables.merge("JAVA_TOOL_OPTIONS", extraOptions, (own, extra) -> own + " " + extra);
            client.updateFunctionConfiguration(r -> r.functionName(function).environment(e -> e.variables(variables)));
            for (int i = 0; i < (verify ? 1 : invokes); i++) {
                InvokeResponse response = LocalLambdaClients.invoke(client, function, payload);
                if (response.functionError() != null) {
                    throw new IllegalStateException(function + " failed on its event (" + (verify ? "verification" : "training")
                            + " run): " + response.payload().asUtf8String() + "\n" + LocalLambdaClients.log(response));
                }
            }
        } // closing stops the environment with SIGTERM: the JVM writes the cache and the log as it exits
    }

    private Integer collectCache(Path tmpRoot) throws IOException {
        Path cache = onlyFileNamed(tmpRoot, Path.of(CACHE_IN_TMP).getFileName().toString());
        if (keepUntrained != null) {
            Files.createDirectories(keepUntrained.toAbsolutePath().getParent());
            Files.copy(buildDirectory.resolve(function).resolve(FunctionConfiguration.IMAGE_ARCHIVE), keepUntrained, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.createDirectories(cacheOut.toAbsolutePath().getParent());
        Files.copy(cache, cacheOut, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("AOT cache trained on %s (%d invokes): %s, %.1f MB%n", event.getFileName(), invokes, cacheOut,
                Files.size(cacheOut) / 1e6);
        return 0;
    }

    private Integer verifyClassLoading(Path tmpRoot) throws IOException {
        List<String> lines = Files.readAllLines(onlyFileNamed(tmpRoot, Path.of(CLASS_LOG_IN_TMP).getFileName().toString()));
        ClassLoadLog log = ClassLoadLog.of(lines);
        String handler = handlerClass;
        System.out.printf("AOT cache in use: %d of %d classes loaded from it; %s from %s%n",
                log.fromCache(), log.total(), handler, log.sourceOf(handler).orElse("nowhere"));
        if (!log.fromCache(handler)) {
            System.err.println("image-training: " + function + "'s JVM started with its AOT cache but did not take " + handler
                    + " from it (source: " + log.sourceOf(handler).orElse("not loaded") + "); the cache was trained on other"
                    + " class-path files. Rebuild the image with `make images`.");
            return 1;
        }
        return 0;
    }

    /** Exactly one file of that name under the root (one environment ran), or a clear error. */
    private Path onlyFileNamed(Path root, String name) throws IOException {
        List<Path> found;
        try (Stream<Path> files = Files.walk(root)) {
            found = files.filter(p -> p.getFileName().toString().equals(name)).toList();
        }
        if (found.size() != 1) {
            throw new IllegalStateException(function + "'s JVM left " + found.size() + " " + name + " files in its /tmp (expected one);"
                    + " did it exit on SIGTERM within " + DUMP_GRACE.toSeconds() + " s?");
        }
        return found.get(0);
    }
}
