package dev.coldbrew.locallambda;

import dev.coldbrew.locallambda.api.LambdaApiServer;
import dev.coldbrew.locallambda.cgroup.ResourceLimiter;
import dev.coldbrew.locallambda.environment.EnvironmentLauncher;
import dev.coldbrew.locallambda.environment.EnvironmentPool;
import dev.coldbrew.locallambda.environment.ImageRootFs;
import dev.coldbrew.locallambda.environment.JvmLocator;
import dev.coldbrew.locallambda.environment.PrivateTmp;
import dev.coldbrew.locallambda.environment.RuntimeAotCache;
import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.function.FunctionConfiguration;
import dev.coldbrew.locallambda.function.FunctionRegistry;
import dev.coldbrew.lambda.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A local Lambda for the functions of a SAM template: the Lambda API on loopback, backed by child JVMs
 * that run the real runtime interface client with CPU limited by memory size. Embeddable:
 * <pre>{@code
 * try (LocalLambda lambda = LocalLambda.start(Path.of("template.yaml"), Path.of("target/lambda"), Map.of(), 0)) {
 *     LambdaClient client = LambdaClient.builder().endpointOverride(lambda.endpoint())...;
 * }
 * }</pre>
 */
public final class LocalLambda implements AutoCloseable {
    public static final int DEFAULT_PORT = 3001;
    /** The region the emulator answers in (its ARNs, AWS_REGION in every environment) unless told otherwise. */
    public static final String REGION = "us-east-1";

    /**
     * Everything {@link #start(Options)} needs; {@link #options(Path, Path)} gives the defaults and each
     * {@code withX} a copy with one setting changed.
     */
    public record Options(Path template, Path buildDirectory, Map<String, String> parameterOverrides,
                          Map<String, String> environmentOverrides, int port, String region,
                          int maxEnvironmentsPerFunction, Duration idleTimeout, Duration queueTimeout,
                          boolean throttle, Consumer<String> logSink, Set<String> onlyFunctions,
                          boolean templateProvisionedConcurrency, Duration shutdownGrace, Path environmentTmpRoot) {

        /**
         * Paths are made absolute here, once: environments run in their task root, so a relative layer or
         * task-root path would point somewhere else from inside them.
         */
        public Options {
            template = template.toAbsolutePath().normalize();
            buildDirectory = buildDirectory.toAbsolutePath().normalize();
            environmentTmpRoot = environmentTmpRoot == null ? null : environmentTmpRoot.toAbsolutePath().normalize();
            parameterOverrides = Map.copyOf(parameterOverrides);
            environmentOverrides = Map.copyOf(environmentOverrides);
            onlyFunctions = Set.copyOf(onlyFunctions);
        }

        public Options withParameterOverrides(Map<String, String> value) {
            return copy(o -> o.parameterOverrides = value);
        }

        public Options withEnvironmentOverrides(Map<String, String> value) {
            return copy(o -> o.environmentOverrides = value);
        }

        public Options withPort(int value) {
            return copy(o -> o.port = value);
        }

        public Options withMaxEnvironmentsPerFunction(int value) {
            return copy(o -> o.maxEnvironmentsPerFunction = value);
        }

        public Options withIdleTimeout(Duration value) {
            return copy(o -> o.idleTimeout = value);
        }

        /** How long an invoke waits for an environment when the function's are all busy. */
        public Options withQueueTimeout(Duration value) {
            return copy(o -> o.queueTimeout = value);
        }

        /** false runs every environment without CPU and memory limits (and says so in every REPORT). */
        public Options withThrottle(boolean value) {
            return copy(o -> o.throttle = value);
        }

        /**
         * false leaves out the template's ProvisionedConcurrencyConfig: its environments hold CPU quota all the
         * time, which a small host needs for the sizes being tuned (the API can still set it).
         */
        public Options withTemplateProvisionedConcurrency(boolean value) {
            return copy(o -> o.templateProvisionedConcurrency = value);
        }

        /** Serves only these logical IDs (empty: all), e.g. the function being tuned. */
        public Options withOnlyFunctions(Set<String> value) {
            return copy(o -> o.onlyFunctions = value);
        }

        public Options withLogSink(Consumer<String> value) {
            return copy(o -> o.logSink = value);
        }

        /**
         * How environments are stopped (idle, retired, at close): with a grace, SIGTERM and up to that long to exit
         * before SIGKILL, so that a JVM runs its shutdown hooks (one training an AOT cache writes it then). The
         * default, zero, kills at once, as Lambda stops a runtime without extensions. Timeouts always kill at once.
         */
        public Options withShutdownGrace(Duration value) {
            return copy(o -> o.shutdownGrace = value);
        }

        /**
         * Where image functions' environments get their own /tmp directories, one per environment. These are kept
         * after the environment stops, so the caller can collect what a function wrote there, and removing them
         * is the caller's. By default (null) they are made in a temporary directory and removed with their
         * environment.
         */
        public Options withEnvironmentTmpRoot(Path value) {
            return copy(o -> o.environmentTmpRoot = value);
        }

        /** The one place a copy is made: every component taken over, then one changed. */
        private Options copy(Consumer<Mutable> change) {
            Mutable m = new Mutable(this);
            change.accept(m);
            return new Options(m.template, m.buildDirectory, m.parameterOverrides, m.environmentOverrides, m.port, m.region,
                    m.maxEnvironmentsPerFunction, m.idleTimeout, m.queueTimeout, m.throttle, m.logSink, m.onlyFunctions,
                    m.templateProvisionedConcurrency, m.shutdownGrace, m.environmentTmpRoot);
        }

        private static final class Mutable {
            Path template;
            Path buildDirectory;
            Map<String, String> parameterOverrides;
            Map<String, String> environmentOverrides;
            int port;
            String region;
            int maxEnvironmentsPerFunction;
            Duration idleTimeout;
            Duration queueTimeout;
            boolean throttle;
            Consumer<String> logSink;
            Set<String> onlyFunctions;
            boolean templateProvisionedConcurrency;
            Duration shutdownGrace;
            Path environmentTmpRoot;

            Mutable(Options o) {
                template = o.template;
                buildDirectory = o.buildDirectory;
                parameterOverrides = o.parameterOverrides;
                environmentOverrides = o.environmentOverrides;
                port = o.port;
                region = o.region;
                maxEnvironmentsPerFunction = o.maxEnvironmentsPerFunction;
                idleTimeout = o.idleTimeout;
                queueTimeout = o.queueTimeout;
                throttle = o.throttle;
                logSink = o.logSink;
                onlyFunctions = o.onlyFunctions;
                templateProvisionedConcurrency = o.templateProvisionedConcurrency;
                shutdownGrace = o.shutdownGrace;
                environmentTmpRoot = o.environmentTmpRoot;
            }
        }
    }

    public static Options options(Path template, Path buildDirectory) {
        return new Options(template, buildDirectory, Map.of(), Map.of(), DEFAULT_PORT, REGION, 10,
                Duration.ofMinutes(5), Duration.ofSeconds(120), true, System.out::println, Set.of(), true, Duration.ZERO, null);
    }

    /** Starts with default settings; port 0 picks a free port. */
    public static LocalLambda start(Path template, Path buildDirectory, Map<String, String> environmentOverrides, int port) {
        return start(options(template, buildDirectory).withEnvironmentOverrides(environmentOverrides).withPort(port));
    }

    public static LocalLambda start(Options options) {
        return new LocalLambda(options);
    }

    private final FunctionRegistry registry;
    private final EnvironmentLauncher launcher;
    private final EnvironmentPool pool;
    private final ImageRootFs images = new ImageRootFs();
    private final PrivateTmp privateTmp;
    private final Invoker invoker;
    private final LambdaApiServer api;

    private LocalLambda(Options options) {
        Arns arns = new Arns(options.region(), Arns.LOCAL_ACCOUNT);
        if (!Files.isDirectory(options.buildDirectory())) {
            throw new IllegalArgumentException("Build output " + options.buildDirectory() + " does not exist; run `make build` first.");
        }
        SamTemplate template = SamTemplate.load(options.template(), options.buildDirectory(), options.parameterOverrides(), arns);
        this.registry = new FunctionRegistry(arns);
        Map<String, FunctionConfiguration> provisionedAliases = new LinkedHashMap<>();
        Map<String, Integer> provisionedCounts = new LinkedHashMap<>();
        template.skippedFunctions().forEach(reason -> options.logSink().accept("Not served: " + reason));
        for (SamTemplate.TemplateFunction function : template.functions()) {
            if (!options.onlyFunctions().isEmpty() && !options.onlyFunctions().contains(function.configuration().logicalId())) {
                continue;
            }
            requireBuilt(function.configuration());
            registry.register(function.configuration());
            if (function.autoPublishAlias() != null) {
                // What a SAM deploy does: publish version 1 and point the alias at it.
                String name = function.configuration().functionName();
                FunctionConfiguration version = registry.publishVersion(name, null, null, null);
                registry.createAlias(name, function.autoPublishAlias(), version.version(), null);
                if (function.provisionedConcurrency() > 0 && options.templateProvisionedConcurrency()) {
                    // SAM puts ProvisionedConcurrencyConfig on the AutoPublishAlias.
                    provisionedAliases.put(name + ":" + function.autoPublishAlias(), version);
                    provisionedCounts.put(name + ":" + function.autoPublishAlias(), function.provisionedConcurrency());
                }
            }
        }
        ResourceLimiter limiter = options.throttle() ? ResourceLimiter.detect() : ResourceLimiter.unthrottled();
        JvmLocator jvms = new JvmLocator();
        RuntimeAotCache aotCache = new RuntimeAotCache(jvms, options.region(), RuntimeAotCache.userDirectory(), options.logSink());
        this.privateTmp = options.environmentTmpRoot() == null ? PrivateTmp.temporary() : PrivateTmp.keptUnder(options.environmentTmpRoot());
        this.launcher = new EnvironmentLauncher(jvms, options.region(), options.environmentOverrides(), aotCache, images, privateTmp);
        // The java25 runtime's AOT cache is trained now (once per JVM and runtime client), not in the first cold start;
        // an image brings its own runtime and starts as its entrypoint says.
        registry.latestConfigurations().stream().filter(c -> !c.isImage()).map(FunctionConfiguration::runtime).distinct()
                .forEach(aotCache::forRuntime);
        // Images are unpacked now too; one that cannot run here says why once, and each of its invokes fails with it.
        for (FunctionConfiguration configuration : registry.latestConfigurations()) {
            try {
                launcher.prepareImage(configuration);
            } catch (IOException | RuntimeException e) {
                options.logSink().accept("WARNING: " + configuration.functionName() + " cannot run here: " + e.getMessage());
            }
        }
        this.pool = new EnvironmentPool(launcher, limiter, Runtime.getRuntime().availableProcessors(),
                options.maxEnvironmentsPerFunction(), options.idleTimeout(), options.queueTimeout(), options.shutdownGrace(),
                options.logSink());
        this.invoker = new Invoker(registry, pool, options.logSink());
        provisionedAliases.forEach((alias, version) -> pool.provision(alias, version, provisionedCounts.get(alias)));
        try {
            this.api = new LambdaApiServer(options.port(), registry, invoker, pool, options.logSink());
        } catch (IOException e) {
            pool.close();
            removeImageFiles();
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
        }
    }

    private static void requireBuilt(FunctionConfiguration configuration) {
        if (configuration.isImage()) {
            if (!Files.isRegularFile(configuration.imageArchive())) {
                throw new IllegalArgumentException("No image for " + configuration.logicalId() + " at "
                        + configuration.imageArchive() + "; run `make images` first.");
            }
            return;
        }
        if (!Files.isDirectory(configuration.codeDirectory())) {
            throw new IllegalArgumentException("No build output for " + configuration.logicalId() + " at "
                    + configuration.codeDirectory() + "; run `make build` first.");
        }
        for (FunctionConfiguration.Layer layer : configuration.layers()) {
            if (!Files.isDirectory(layer.directory().resolve("java/lib"))) {
                throw new IllegalArgumentException("No build output for layer " + layer.logicalId() + " at "
                        + layer.directory().resolve("java/lib") + "; run `make build` first.");
            }
        }
    }

    /** Base URI for {@code LambdaClient.builder().endpointOverride(...)} or {@code aws --endpoint-url}. */
    public URI endpoint() {
        return api.endpoint();
    }

    /** False when environments run without CPU limits; results must then be marked unthrottled. */
    public boolean throttled() {
        return pool.limiter().throttled();
    }

    /** How CPU and memory are limited, e.g. "cgroup v1 (CFS quota + memory limit)". */
    public String limits() {
        return pool.limiter().description();
    }

    /**
     * The JVM each function's environments run on, e.g. {@code NoOpFunction -> java25 -> Java 25 (/usr/lib/jvm/...)};
     * an image function runs whatever its image holds.
     */
    public Map<String, String> jvms() {
        Map<String, String> jvms = new LinkedHashMap<>();
        for (FunctionConfiguration configuration : registry.latestConfigurations()) {
            String runtime = configuration.isImage() ? FunctionConfiguration.IMAGE : configuration.runtime();
            jvms.put(configuration.functionName(), runtime + " -> " + launcher.runtimeDescription(configuration));
        }
        return jvms;
    }

    public List<String> functionNames() {
        return registry.latestConfigurations().stream().map(FunctionConfiguration::functionName).toList();
    }

    /** Invokes in-process, without HTTP; same semantics as the API's RequestResponse invoke. */
    public Invoker invoker() {
        return invoker;
    }

    public int liveEnvironments() {
        return pool.liveEnvironments();
    }

    @Override
    public void close() {
        api.close();
        invoker.close();
        pool.close();
        removeImageFiles();
    }

    /** Unpacked images and temporary /tmp directories go once no environment uses them. */
    private void removeImageFiles() {
        images.close();
        privateTmp.close();
    }
}
