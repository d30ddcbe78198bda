package dev.coldbrew.locallambda;

import dev.coldbrew.locallambda.services.LocalServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code local-lambda}: serves a template's functions on the Lambda API until Ctrl-C or SIGTERM. */
@Command(name = "local-lambda", mixinStandardHelpOptions = true,
        description = "Runs the Java and container-image functions of a SAM template locally behind the Lambda API (like `sam local start-lambda`, without Docker).")
public final class LocalLambdaMain implements Callable<Integer> {
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

    @Override
    public Integer call() throws Exception {
        LocalLambda.Options options = LocalLambda.options(template, buildDirectory)
                .withPort(port)
                .withParameterOverrides(parameterOverrides)
                .withEnvironmentOverrides(environmentOverrides)
                .withMaxEnvironmentsPerFunction(maxEnvironments)
                .withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                .withShutdownGrace(Duration.ofSeconds(shutdownGraceSeconds))
                .withEnvironmentTmpRoot(environmentTmpRoot)
                .withThrottle(!noThrottle);
        LocalServices dependencies = localServices ? LocalServices.start(options, localServicesFile) : null;
        LocalLambda lambda;
        try {
            lambda = LocalLambda.start(dependencies == null ? options : dependencies.applyTo(options));
        } catch (RuntimeException | Error e) {
            if (dependencies != null) {
                dependencies.close();
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            lambda.close();
            if (dependencies != null) {
                dependencies.close();
            }
            stopped.countDown();
        }, "local-lambda-shutdown"));
        if (dependencies != null) {
            System.out.println("Local services: " + dependencies.describe());
        }
        printBanner(lambda);
        stopped.await();
        return 0;
    }

    static void printBanner(LocalLambda lambda) {
        System.out.println("Local Lambda listening on " + lambda.endpoint());
        System.out.println("CPU and memory limits: " + lambda.limits());
        lambda.jvms().forEach((function, jvm) -> System.out.println("  " + function + ": " + jvm));
        String example = lambda.functionNames().isEmpty() ? "MyFunction" : lambda.functionNames().get(0);
        System.out.println();
        System.out.println("Invoke a function with the AWS CLI:");
        System.out.println("  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \\");
        System.out.println("  aws lambda invoke --endpoint-url " + lambda.endpoint() + " --region " + LocalLambda.REGION + " \\");
        System.out.println("      --function-name " + example + " --payload '{}' \\");
        System.out.println("      --log-type Tail --query LogResult --output text response.json | base64 -d");
        System.out.println("(AWS CLI v2 also needs --cli-binary-format raw-in-base64-out.) Stop with Ctrl-C.");
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new LocalLambdaMain());
        // Bad input (missing template, unknown parameter): one clear line and a non-zero exit, no stack trace.
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("local-lambda: " + e.getMessage());
            return 2;
        });
        System.exit(commandLine.execute(args));
    }
}
