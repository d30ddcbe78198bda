package dev.coldbrew.locallambda.environment;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Builds the command line and environment of one execution environment's JVM, as Lambda's Java runtime
 * starts it: the runtime interface client as main class with the handler string as argument, the layers'
 * {@code java/lib} jars on the class path, the task root as working directory (the runtime client loads the
 * function's own classes and {@code lib/*.jar} from there), and the variables Lambda sets. A container-image
 * function runs its image's entrypoint and command instead, inside the image's file system, with no flags
 * added: on Lambda, too, the image decides how its runtime starts.
 */
public final class EnvironmentLauncher {
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    private static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";
    /** Where Lambda's variables say an image function's code is, whatever the image holds. */
    private static final String IMAGE_TASK_ROOT = "/var/task";
    /** JAVA_TOOL_OPTIONS that choose a garbage collector ("Multiple garbage collectors selected" otherwise). */
    private static final Pattern OWN_GARBAGE_COLLECTOR = Pattern.compile("-XX:\\+Use\\w+GC\\b");
    /** JAVA_TOOL_OPTIONS that bring the function's own class-data archive or set class sharing. */
    private static final Pattern OWN_ARCHIVE = Pattern.compile("-Xshare:|-XX:(SharedArchiveFile|ArchiveClassesAtExit"
            + "|SharedClassListFile|DumpLoadedClassList|AOTCache|AOTCacheOutput|AOTConfiguration|AOTMode)=");

    private final JvmLocator jvms;
    private final String region;
    private final Map<String, String> environmentOverrides;
    private final RuntimeAotCache aotCache;
    private final ImageRootFs images;
    private final PrivateTmp privateTmp;
    private final ImageSandbox sandbox = new ImageSandbox();

    /**
     * What starting one environment takes: the command, its working directory and variables, and what to clean up
     * once the process has exited.
     */
    record Launch(List<String> command, Path directory, Map<String, String> environment, Runnable afterExit) {
    }

    /** A launcher without the java25 runtime's AOT cache, for zip functions only. */
    public EnvironmentLauncher(JvmLocator jvms, String region, Map<String, String> environmentOverrides) {
        this(jvms, region, environmentOverrides, null);
    }

    /** A launcher for zip functions only. */
    public EnvironmentLauncher(JvmLocator jvms, String region, Map<String, String> environmentOverrides,
                               RuntimeAotCache aotCache) {
        this(jvms, region, environmentOverrides, aotCache, null, null);
    }

    /**
     * @param environmentOverrides local wiring (endpoints, table names) that replaces the configuration's
     *                             values in every environment, like {@code sam local --env-vars}
     * @param aotCache             the java25 runtime's AOT cache, or null to start every JVM without one
     * @param images               where image functions' images are unpacked; null when none run
     * @param privateTmp           where image environments get their own /tmp; null when none run
     */
    public EnvironmentLauncher(JvmLocator jvms, String region, Map<String, String> environmentOverrides,
                               RuntimeAotCache aotCache, ImageRootFs images, PrivateTmp privateTmp) {
        this.jvms = jvms;
        this.region = region;
        this.environmentOverrides = Map.copyOf(environmentOverrides);
        this.aotCache = aotCache;
        this.images = images;
        this.privateTmp = privateTmp;
    }

    /**
     * Everything one environment's process needs. An image function's image is unpacked on its first start (if
     * it was not already) and the environment gets a fresh /tmp; failing that, or where this machine cannot run
     * images, this throws with the reason.
     */
    Launch launch(FunctionConfiguration configuration, StartKind kind, String runtimeApi, String environmentName)
            throws IOException {
        if (!configuration.isImage()) {
            return new Launch(command(configuration, kind), configuration.codeDirectory(),
                    environment(configuration, kind, runtimeApi), () -> { });
        }
        ImageRootFs.Image image = image(configuration);
        Path tmp = privateTmp.create(configuration.logicalId() + "-" + environmentName);
        return new Launch(imageCommand(configuration, image, tmp), image.root(),
                imageEnvironment(configuration, image.config(), kind, runtimeApi), () -> privateTmp.release(tmp));
    }

    /**
     * Unpacks an image function's image now, so that its first cold start does not wait for it; throws, with the
     * reason, when it cannot be unpacked or this machine cannot run images. Nothing to do for a zip function.
     */
    public void prepareImage(FunctionConfiguration configuration) throws IOException {
        if (configuration.isImage()) {
            image(configuration);
        }
    }

    private ImageRootFs.Image image(FunctionConfiguration configuration) throws IOException {
        if (images == null || privateTmp == null) {
            throw new IllegalStateException("this launcher was made for zip functions only");
        }
        sandbox.requireUsable();
        return images.unpack(configuration);
    }

    /** What an environment of this function runs on, for the start-up listing. */
    public String runtimeDescription(FunctionConfiguration configuration) {
        return configuration.isImage() ? "its image's own runtime (" + configuration.imageArchive() + ")"
                : jvm(configuration).toString();
    }

    /** The JVM a zip function's environments run on. */
    public JvmLocator.Jvm jvm(FunctionConfiguration configuration) {
        return jvms.forRuntime(configuration.runtime());
    }

    List<String> command(FunctionConfiguration configuration, StartKind kind) {
        return command(configuration, kind, aotCache(configuration).map(cache -> "-XX:AOTCache=" + cache));
    }

    /** The command with this AOT option in place of the runtime's cache: the training run writes the cache. */
    List<String> command(FunctionConfiguration configuration, StartKind kind, Optional<String> aotOption) {
        List<String> command = new ArrayList<>();
        command.add(jvm(configuration).java().toString());
        if (defaultTieredCompilation(configuration, kind)) {
            command.add("-XX:+TieredCompilation");
            command.add("-XX:TieredStopAtLevel=1");
        }
        // Lambda's Java runtime flags: heap at 85 % of the memory size, serial GC, CDS, the runtime client's
        // CRaC shim and reflective access it needs. JAVA_TOOL_OPTIONS from the configuration adds to these.
        command.add("-XX:MaxHeapSize=" + (configuration.memorySize() * 1024L * 85 / 100) + "k");
        if (!OWN_GARBAGE_COLLECTOR.matcher(javaToolOptions(configuration)).find()) {
            // The Lambda guide suggests other collectors through JAVA_TOOL_OPTIONS; two would stop the JVM.
            command.add("-XX:+UseSerialGC");
        }
        // The JVM refuses an AOT option beside any -Xshare; the AOT cache is the JDK's class sharing, extended.
        command.add(aotOption.orElse("-Xshare:auto"));
        command.add("-XX:+ErrorFileToStderr");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-Djava.net.preferIPv4Stack=true");
        command.add("-D" + RuntimeClientClasspath.JNI_PROPERTY + "=" + RuntimeClientClasspath.nativeLibrary());
        command.add("-classpath");
        command.add(classpath(configuration));
        command.add(RuntimeClientClasspath.MAIN_CLASS);
        command.add(configuration.handler());
        return command;
    }

    /**
     * Lambda's Java 17 and later runtimes stop tiered compilation at level 1 (C1 only) by default (Lambda
     * developer guide, "Customize Java runtime startup behavior": "In the Java 17 runtime, the JVM flag for
     * tiered compilation is set to stop at level 1 by default"), for on-demand starts; a function that sets
     * its own tiered compilation in JAVA_TOOL_OPTIONS keeps it. SnapStart and provisioned environments
     * start without it, as their init is off the invoke path.
     */
    private boolean defaultTieredCompilation(FunctionConfiguration configuration, StartKind kind) {
        if (kind != StartKind.ON_DEMAND && kind != StartKind.INIT_RETRY) {
            return false;
        }
        String options = javaToolOptions(configuration);
        return runtimeVersion(configuration.runtime()) >= 17 && !options.contains("TieredCompilation")
                && !options.contains("TieredStopAtLevel");
    }

    /**
     * Lambda's java25 runtime starts the JVM with its own AOT cache of the JDK and the runtime client (Lambda
     * developer guide, "Customize Java runtime startup behavior", section "Ahead-of-Time (AOT) and CDS caches");
     * java21 has only the JDK's default CDS archive. A function whose JAVA_TOOL_OPTIONS brings its own archive
     * runs without the runtime's, as "If you deploy CDS caches in your Lambda function, then Lambda disables the
     * AOT cache" (same section). It has to: the JVM refuses to start with -XX:AOTCache beside a CDS archive or
     * any -Xshare, and of two -XX:AOTCache the command line's wins over JAVA_TOOL_OPTIONS', which the JVM reads
     * first.
     */
    private Optional<Path> aotCache(FunctionConfiguration configuration) {
        if (aotCache == null || OWN_ARCHIVE.matcher(javaToolOptions(configuration)).find()) {
            return Optional.empty();
        }
        return aotCache.forRuntime(configuration.runtime());
    }

    /** The JAVA_TOOL_OPTIONS the environment gets: the local override, else the configuration's. */
    private String javaToolOptions(FunctionConfiguration configuration) {
        return environmentOverrides.getOrDefault("JAVA_TOOL_OPTIONS",
                configuration.environment().getOrDefault("JAVA_TOOL_OPTIONS", ""));
    }

    /** The Java version of a runtime identifier ({@code java25} is 25), or 0 for anything else. */
    static int runtimeVersion(String runtime) {
        try {
            return Integer.parseInt(runtime.replaceAll("^java(\\d+).*$", "$1"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    Map<String, String> environment(FunctionConfiguration configuration, StartKind kind, String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        putFunctionVariables(env, configuration, kind, runtimeApi, configuration.codeDirectory().toString(), configuration.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + configuration.runtime());
        return env;
    }

    /**
     * An image function's variables: the image's {@code Env}, then the configuration's and Lambda's as for a zip
     * function. The handler is the command's first word, which is how Lambda's base images name it; there is no
     * AWS_EXECUTION_ENV, as an image has no managed runtime.
     */
    Map<String, String> imageEnvironment(FunctionConfiguration configuration, ImageArchive.Config image, StartKind kind,
                                         String runtimeApi) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("TZ", ":UTC");
        for (String variable : image.env()) {
            int equals = variable.indexOf('=');
            if (equals > 0) {
                env.put(variable.substring(0, equals), variable.substring(equals + 1));
            }
        }
        List<String> command = imageCommandWords(configuration, image);
        putFunctionVariables(env, configuration, kind, runtimeApi, IMAGE_TASK_ROOT, command.isEmpty() ? "" : command.get(0));
        return env;
    }

    /** The configuration's variables, then the ones Lambda reserves (a function cannot override those). */
    private void putFunctionVariables(Map<String, String> env, FunctionConfiguration configuration, StartKind kind,
                                      String runtimeApi, String taskRoot, String handler) {
        env.putAll(configuration.environment());
        env.putAll(environmentOverrides);
        env.put("_HANDLER", handler);
        env.put("AWS_LAMBDA_FUNCTION_NAME", configuration.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", configuration.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(configuration.memorySize()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", kind.initializationType());
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + configuration.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(LOG_STREAM_DATE)
                + "/[" + configuration.version() + "]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("LAMBDA_TASK_ROOT", taskRoot);
        // Static keys that local endpoints (DynamoDB Local) accept; real AWS would refuse them.
        env.putIfAbsent("AWS_ACCESS_KEY_ID", "AKIALOCALLAMBDA00000");
        env.putIfAbsent("AWS_SECRET_ACCESS_KEY", "local-lambda-secret-key");
        env.putIfAbsent("AWS_SESSION_TOKEN", "local-lambda-session-token");
    }

    /**
     * An image function's command: its entrypoint and command run in the image's root, in its working directory.
     * The runtime API is reachable there at the same loopback address: only the mounts are private, not the network.
     */
    List<String> imageCommand(FunctionConfiguration configuration, ImageRootFs.Image image, Path tmp) {
        ImageArchive.Config config = image.config();
        List<String> argv = new ArrayList<>(configuration.imageConfig().entryPoint().isEmpty() ? config.entrypoint()
                : configuration.imageConfig().entryPoint());
        argv.addAll(imageCommandWords(configuration, config));
        if (argv.isEmpty()) {
            throw new IllegalStateException(configuration.imageArchive() + " has no entrypoint or command, and "
                    + configuration.logicalId() + "'s ImageConfig sets none.");
        }
        String workingDirectory = configuration.imageConfig().workingDirectory().isEmpty() ? config.workingDir()
                : configuration.imageConfig().workingDirectory();
        return sandbox.command(image.root(), tmp, workingDirectory, argv);
    }

    /** The image's CMD, or the function's ImageConfig Command when it sets one: each ImageConfig value replaces the image's. */
    private static List<String> imageCommandWords(FunctionConfiguration configuration, ImageArchive.Config image) {
        return configuration.imageConfig().command().isEmpty() ? image.cmd() : configuration.imageConfig().command();
    }

    private static String classpath(FunctionConfiguration configuration) {
        List<String> entries = new ArrayList<>();
        RuntimeClientClasspath.jars().forEach(jar -> entries.add(jar.toString()));
        for (FunctionConfiguration.Layer layer : configuration.layers()) {
            entries.addAll(jarsIn(layer.directory().resolve("java/lib")));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> jarsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".jar")).sorted().map(Path::toString).toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
