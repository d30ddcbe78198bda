package dev.coldbrew.locallambda;

import dev.coldbrew.locallambda.services.LocalServices;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code local-lambda}: serves a template's functions on the Lambda API until Ctrl-C or SIGTERM. */
@Command(name = "local-lambda", mixinStandardHelpOptions = true,
        description = "Runs the Java and container-image functions of a SAM template locally behind the Lambda API (like `sam local start-lambda`, without Docker).")
public final class LocalLambdaMain implements Callable<Integer> {
    /** How every error line on the error stream starts. */
    public static final String ERROR_PREFIX = "local-lambda: ";

    @Option(names = {"-t", "--template"}, defaultValue = "template.yaml", description = "SAM template (default: ${DEFAULT-VALUE}).")
    Path template;

    @Option(names = {"-b", "--build-dir"}, defaultValue = "target/lambda", description = "Build output, one directory per LogicalId (default: ${DEFAULT-VALUE}).")
    Path buildDirectory;

    @Option(names = {"-p", "--port"}, defaultValue = "3001", description = "Port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--parameter-override", paramLabel = "NAME=VALUE", description = "Template parameter value, repeatable.")
    Map<String, String> parameterOverrides = new LinkedHashMap<>();

    @Option(names = {"-e", "--env"}, paramLabel = "NAME=VALUE", description = "Environment variable set in every execution environment, repeatable.")
    Map<String, String> environmentOverrides = new LinkedHashMap<>();

    @Option(names = "--max-environments", defaultValue = "10", description = "Concurrent environments per function (default: ${DEFAULT-VALUE}).")
    int maxEnvironments;

    @Option(names = "--idle-timeout", defaultValue = "300", description = "Seconds before an idle environment is stopped (default: ${DEFAULT-VALUE}).")
    int idleTimeoutSeconds;

    @Option(names = "--shutdown-grace", defaultValue = "0", description = "Seconds a stopped environment gets after SIGTERM before SIGKILL; 0 kills at once, as Lambda does (default: ${DEFAULT-VALUE}).")
    int shutdownGraceSeconds;

    @Option(names = "--environment-tmp-root", paramLabel = "DIR", description = "Where image functions' environments get their own /tmp, kept after they stop (default: a temporary directory, each removed with its environment).")
    Path environmentTmpRoot;

    @Option(names = "--no-throttle", description = "Run without cgroup CPU and memory limits.")
    boolean noThrottle;

    @Option(names = "--local-services", description = "Start the local services on the class path (with coldbrew-local-services: DynamoDB Local for the template's tables, the local HTTP endpoint) and wire them in.")
    boolean localServices;

    @Option(names = "--local-services-file", paramLabel = "FILE", description = "How the local services are configured (default: local-services.yaml beside the template, if there is one).")
    Path localServicesFile;

    @Option(names = "--local-services-setting", paramLabel = "KEY=VALUE",
            description = "A setting over the local-services file's, repeatable: SECTION.NAME=VALUE, e.g. "
                    + "dynamodb.seed.AppTable=items.json (relative paths are relative to the file's directory).")
    Map<String, String> localServicesSettings = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    /**
     * Serves until the JVM shuts down (Ctrl-C, SIGTERM), which stops the environments and the local services
     * before it exits; an embedding thread that is interrupted stops them the same way and returns.
     */
    @Override
    public Integer call() throws Exception {
        if (!localServices && (localServicesFile != null || !localServicesSettings.isEmpty())) {
            throw new IllegalArgumentException("--local-services-file and --local-services-setting configure the local services; add --local-services.");
        }
        LocalLambda.Options options = LocalLambda.options(template, buildDirectory)
                .withPort(port)
                .withParameterOverrides(parameterOverrides)
                .withEnvironmentOverrides(environmentOverrides)
                .withMaxEnvironmentsPerFunction(maxEnvironments)
                .withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .withShutdownGrace(Duration.ofSeconds(shutdownGraceSeconds))
                .withEnvironmentTmpRoot(environmentTmpRoot)
                .withThrottle(!noThrottle);
        LocalServices dependencies = localServices ? LocalServices.start(options, localServicesFile, localServicesSettings) : null;
        LocalLambda lambda;
        try {
            lambda = LocalLambda.start(dependencies == null ? options : dependencies.applyTo(options));
        } catch (RuntimeException | Error e) {
            if (dependencies != null) {
                dependencies.close();
            }
            throw e;
        }
        Runnable stop = () -> {
            lambda.close();
            if (dependencies != null) {
                dependencies.close();
            }
        };
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "local-lambda-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        if (dependencies != null) {
            out.println("Local services: " + dependencies.describe());
            dependencies.notices().forEach(notice -> out.println("NOTE: " + notice));
        }
        printBanner(out, lambda);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                stop.run();
            } catch (IllegalStateException shuttingDown) {
                // The hook is stopping everything already.
            }
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static void printBanner(PrintWriter out, LocalLambda lambda) {
        out.println("Local Lambda listening on " + lambda.endpoint());
        out.println("CPU and memory limits: " + lambda.limits());
        lambda.jvms().forEach((function, jvm) -> out.println("  " + function + ": " + jvm));
        String example = lambda.functionNames().isEmpty() ? "MyFunction" : lambda.functionNames().get(0);
        out.println();
        out.println("Invoke a function with the AWS CLI:");
        out.println("  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \\");
        out.println("  aws lambda invoke --endpoint-url " + lambda.endpoint() + " --region " + LocalLambda.REGION + " \\");
        out.println("      --function-name " + example + " --payload '{}' \\");
        out.println("      --log-type Tail --query LogResult --output text response.json | base64 -d");
        out.println("(AWS CLI v2 also needs --cli-binary-format raw-in-base64-out.) Stop with Ctrl-C.");
        out.flush();
    }

    public static void main(String[] args) {
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /**
     * Runs the command with these streams and returns its exit code (0 once stopped, 2 for bad input); for
     * embedding, e.g. by the Maven plugin. Bad input (a missing template, an unknown parameter, a malformed
     * option) is one line on {@code err} starting with {@value #ERROR_PREFIX}, without a stack trace or usage.
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new LocalLambdaMain());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            e.getCommandLine().getErr().println(ERROR_PREFIX + e.getMessage());
            e.getCommandLine().getErr().println("Run local-lambda --help for the options.");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(ERROR_PREFIX + e.getMessage());
            return 2;
        });
        return commandLine.execute(args);
    }
}
