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
 * function's own classes and {@code lib/*.jar} from there), and the variables Lambda sets.
 */
public final class EnvironmentLauncher {
    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");
    /** JAVA_TOOL_OPTIONS that choose a garbage collector ("Multiple garbage collectors selected" otherwise). */
    private static final Pattern OWN_GARBAGE_COLLECTOR = Pattern.compile("-XX:\\+Use\\w+GC\\b");
    /** JAVA_TOOL_OPTIONS that bring the function's own class-data archive or set class sharing. */
    private static final Pattern OWN_ARCHIVE = Pattern.compile("-Xshare:|-XX:(SharedArchiveFile|ArchiveClassesAtExit"
            + "|SharedClassListFile|DumpLoadedClassList|AOTCache|AOTCacheOutput|AOTConfiguration|AOTMode)=");

    private final JvmLocator jvms;
    private final String region;
    private final Map<String, String> environmentOverrides;
    private final RuntimeAotCache aotCache;

    /** A launcher without the java25 runtime's AOT cache. */
    public EnvironmentLauncher(JvmLocator jvms, String region, Map<String, String> environmentOverrides) {
        this(jvms, region, environmentOverrides, null);
    }

    /**
     * @param environmentOverrides local wiring (endpoints, table names) that replaces the configuration's
     *                             values in every environment, like {@code sam local --env-vars}
     * @param aotCache             the java25 runtime's AOT cache, or null to start every JVM without one
     */
    public EnvironmentLauncher(JvmLocator jvms, String region, Map<String, String> environmentOverrides,
                               RuntimeAotCache aotCache) {
        this.jvms = jvms;
        this.region = region;
        this.environmentOverrides = Map.copyOf(environmentOverrides);
        this.aotCache = aotCache;
    }

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
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("HOME", System.getProperty("java.io.tmpdir"));
        // Configuration variables first: Lambda's reserved variables cannot be overridden by a function.
        env.putAll(configuration.environment());
        env.putAll(environmentOverrides);
        env.put("_HANDLER", configuration.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + configuration.runtime());
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
        env.put("LAMBDA_TASK_ROOT", configuration.codeDirectory().toString());
        // Static keys that local endpoints (DynamoDB Local) accept; real AWS would refuse them.
        env.putIfAbsent("AWS_ACCESS_KEY_ID", "AKIALOCALLAMBDA00000");
        env.putIfAbsent("AWS_SECRET_ACCESS_KEY", "local-lambda-secret-key");
        env.putIfAbsent("AWS_SESSION_TOKEN", "local-lambda-session-token");
        return env;
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
