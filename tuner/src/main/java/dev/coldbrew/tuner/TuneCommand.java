package dev.coldbrew.tuner;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * {@code coldbrew-tune}: power tuning for the functions of template.yaml on the local emulator, or for
 * deployed functions on AWS. Exit codes: 0 tuned, 1 a function could not be tuned, 2 bad input.
 */
@Command(name = "coldbrew-tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures each function at several memory sizes through the Lambda API and picks the "
                + "memory size by cost, speed or a balance of both. Every version and alias it creates is "
                + "deleted and the original configuration restored, whatever happens.")
public final class TuneCommand implements Callable<Integer> {

    @Option(names = {"-f", "--function"}, paramLabel = "ID",
            description = "Function(s) to tune: template logical IDs (local or with --stack), or names/ARNs on AWS. Default: all.")
    List<String> functions = new ArrayList<>();

    @Option(names = "--stack", paramLabel = "NAME", description = "Tune the functions of this deployed stack on AWS.")
    String stack;

    @Option(names = "--aws", description = "Tune deployed functions named with --function on AWS (implied by --stack or an ARN).")
    boolean aws;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "Lambda API of an emulator that is already running (e.g. http://127.0.0.1:3001).")
    String endpoint;

    @Option(names = {"-p", "--power"}, paramLabel = "MB", defaultValue = "128,256,512,1024,1536,3008",
            description = "Memory sizes: a list (128,512), a range FROM-TO:STEP (128-1024:128) or all. Default: ${DEFAULT-VALUE}.")
    String power;

    @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "10", description = "Invocations per memory size. Default: ${DEFAULT-VALUE}.")
    int num;

    @Option(names = "--payload", paramLabel = "JSON|@FILE",
            description = "Event: inline JSON, @file, or a weighted list [{\"payload\":…,\"weight\":N},…]. Default: the function's exemplar event.")
    String payload;

    @Option(names = "--parallel", description = "Fire the invocations of one memory size all at once.")
    boolean parallel;

    @Mixin
    Strategy.Options strategy = new Strategy.Options();

    @Option(names = "--discard-top-bottom", paramLabel = "F", defaultValue = "0.2",
            description = "Fraction of the slowest and fastest runs dropped from each end, 0 to 0.4. Default: ${DEFAULT-VALUE}.")
    double discardTopBottom;

    @Option(names = "--only-cold-starts", description = "Make every invocation a cold start (a new version per call).")
    boolean onlyColdStarts;

    @Option(names = "--dry-run", description = "One invocation per memory size; no analysis, no changes.")
    boolean dryRun;

    @Option(names = "--sleep-between-runs", paramLabel = "MS", defaultValue = "0", description = "Pause between invocations (serial mode).")
    long sleepBetweenRunsMs;

    @Option(names = "--architecture", paramLabel = "ARCH", description = "Pricing architecture x86_64 or arm64. Default: the function's own.")
    String architecture;

    @Option(names = "--region", paramLabel = "REGION", description = "Pricing (and AWS) region. Default: the AWS region, or us-east-1 locally.")
    String region;

    @Option(names = "--concurrency", paramLabel = "N", description = "Functions tuned at once. Default: half the CPU cores, at least 1.")
    Integer concurrency;

    @Option(names = "--template", paramLabel = "FILE", defaultValue = "template.yaml", description = "SAM template. Default: ${DEFAULT-VALUE}.")
    Path template;

    @Option(names = "--build-dir", paramLabel = "DIR", description = "Built Lambda artifacts, <dir>/<LogicalId>/lib/*.jar. Default: target/lambda beside the template.")
    Path buildDir;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Where report.json and report.html go. Default: target/tuning beside the template.")
    Path outputDir;

    @Option(names = "--apply", description = "Write the winning MemorySize into the template (only that value changes).")
    boolean apply;

    @Option(names = "--auto-optimize", description = "On AWS: set the winning memory, publish a version and move the alias to it.")
    boolean autoOptimize;

    @Option(names = "--alias", paramLabel = "NAME", defaultValue = "live", description = "Alias --auto-optimize moves. Default: ${DEFAULT-VALUE}.")
    String alias;

    @Option(names = "--no-progress", negatable = false, description = "No progress: neither the bar (on a terminal) nor a line per memory size (in a log).")
    boolean noProgress;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private PrintWriter err;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs the command with the given output streams; returns the exit code. */
    public static int execute(PrintWriter stdout, PrintWriter stderr, String... args) {
        CommandLine cli = new CommandLine(new TuneCommand());
        cli.setOut(stdout);
        cli.setErr(stderr);
        cli.setExpandAtFiles(false); // "@file" is a payload file here, not an argument file
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("coldbrew-tune: " + e.getMessage());
                cmd.getErr().println("Run coldbrew-tune --help for the options.");
                return 2;
            }
            cmd.getErr().println("coldbrew-tune: " + e.getClass().getSimpleName() + ": "
                    + Messages.firstLine(e.getMessage()));
            cmd.getErr().flush();
            return 1;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("coldbrew-tune: " + e.getMessage());
            e.getCommandLine().getErr().println("Run coldbrew-tune --help for the options.");
            return 2;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        TuningPlan plan = validatedPlan();
        boolean onAws = aws || stack != null || FunctionResolver.names(functions).stream().anyMatch(FunctionResolver::isArn);
        if (onAws && endpoint != null) {
            throw new UsageException("--endpoint is for a local emulator; leave it out to tune on AWS.");
        }
        if (autoOptimize && !onAws) {
            throw new UsageException("--auto-optimize updates deployed functions on AWS; locally use --apply.");
        }
        if ((apply || autoOptimize) && dryRun) {
            throw new UsageException("--dry-run makes no changes; drop --apply/--auto-optimize or --dry-run.");
        }
        Path templateFile = template.toAbsolutePath().normalize();
        Path root = templateFile.getParent();
        Path builds = buildDir != null ? buildDir.toAbsolutePath() : root.resolve("target/lambda");
        Path reports = outputDir != null ? outputDir.toAbsolutePath() : root.resolve("target/tuning");
        Template tmpl = Files.exists(templateFile) ? Template.load(templateFile) : null;
        if (!onAws && tmpl == null) {
            throw new UsageException("Template not found: " + templateFile + " (give --template).");
        }
        if (apply && tmpl == null) {
            throw new UsageException("--apply needs the template; not found: " + templateFile);
        }
        Optional<List<byte[]>> givenPayload = payload == null ? Optional.empty()
                : Optional.of(Payloads.expand(Payloads.read(payload, Path.of("")), plan.invocationsPerPower()));

        EmbeddedLocal local = null;
        Thread stopLocalOnExit = null;
        Tuner[] running = new Tuner[1];
        String environmentLabel;
        String apiEndpoint = endpoint;
        String pricingRegion = region;
        try {
            List<FunctionTarget> targets;
            LambdaClient lambda;
            if (onAws) {
                String awsRegion = region != null ? region : FunctionResolver.names(functions).stream()
                        .map(FunctionResolver::arnRegion).flatMap(Optional::stream).findFirst()
                        .orElseGet(TuneCommand::awsRegionOrNull);
                if (awsRegion == null) {
                    throw new UsageException("No AWS region: set AWS_REGION, configure a profile region, or give --region.");
                }
                pricingRegion = awsRegion;
                lambda = client(null, awsRegion);
                environmentLabel = "AWS " + awsRegion + (stack != null ? ", stack " + stack : "");
                targets = awsTargets(lambda, tmpl, builds, givenPayload, plan);
            } else {
                List<String> ids = localIds(tmpl);
                if (apiEndpoint == null) {
                    if (!Files.isDirectory(builds)) {
                        throw new UsageException("No build output at " + builds + "; run `make build` first.");
                    }
                    err.println("Starting the local emulator with DynamoDB Local and the local HTTP endpoint...");
                    EmbeddedLocal env = EmbeddedLocal.start(templateFile, builds);
                    local = env;
                    // On SIGINT/SIGTERM: restore the functions first (they live in the emulator), then stop it
                    // and its child processes.
                    stopLocalOnExit = new Thread(() -> {
                        Tuner tuner = running[0];
                        if (tuner != null) {
                            tuner.restoreAll();
                        }
                        env.close();
                    }, "coldbrew-tuner-stop-local");
                    Runtime.getRuntime().addShutdownHook(stopLocalOnExit);
                    apiEndpoint = env.endpoint().toString();
                    environmentLabel = "local emulator " + apiEndpoint + ", CPU limits: " + env.limits();
                } else {
                    environmentLabel = "local emulator " + apiEndpoint;
                }
                lambda = client(URI.create(apiEndpoint), "us-east-1");
                targets = localTargets(ids, builds, givenPayload, plan);
            }
            if (targets.isEmpty()) {
                throw new UsageException("No functions to tune.");
            }
            try (LambdaClient client = lambda) {
                int parallelFunctions = concurrency != null ? concurrency
                        : Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
                Tuner tuner = new Tuner(client, plan, architecture == null ? null : Pricing.Architecture.parse(architecture),
                        pricingRegion, parallelFunctions, Progress.detect(!noProgress), err);
                running[0] = tuner;
                err.println("Tuning " + targets.size() + " function(s) on " + environmentLabel + " at "
                        + plan.powers() + " MB, " + plan.invocationsPerPower() + " invocation(s) each.");
                if (!plan.dryRun() && !plan.onlyColdStarts() && Math.floor(plan.num() * plan.discardTopBottom()) < 1) {
                    err.println("Note: with --num " + plan.num() + " and --discard-top-bottom " + plan.discardTopBottom()
                            + " nothing is trimmed, so each size's cold start weighs in its mean; use --num 5 or more.");
                }
                List<FunctionReport> results = tuner.run(targets);
                for (FunctionReport r : results) {
                    out.print(ConsoleReport.render(r, plan));
                }
                ReportWriter writer = new ReportWriter(plan, environmentLabel);
                writer.write(results, reports);
                out.println();
                out.println("Reports: " + reports.resolve("report.json") + " and " + reports.resolve("report.html"));
                if (apply) {
                    applyToTemplate(tmpl, results, plan);
                }
                if (autoOptimize) {
                    autoOptimize(client, results, plan);
                }
                out.flush();
                return results.stream().allMatch(FunctionReport::succeeded) ? 0 : 1;
            }
        } catch (SdkException e) {
            err.println("coldbrew-tune: " + Messages.firstLine(e.getMessage()));
            return 1;
        } finally {
            if (local != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopLocalOnExit);
                    local.close();
                } catch (IllegalStateException shuttingDown) {
                    // The shutdown hook stops the emulator.
                }
            }
        }
    }

    private TuningPlan validatedPlan() {
        List<Integer> powers;
        Strategy chosen;
        try {
            powers = PowerValues.parse(power);
            chosen = strategy.chosen();
            if (architecture != null) {
                Pricing.Architecture.parse(architecture);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (concurrency != null && concurrency < 1) {
            throw new UsageException("--concurrency must be at least 1.");
        }
        if (parallel && onlyColdStarts) {
            throw new UsageException("--parallel and --only-cold-starts cannot be combined: each cold start needs its own version.");
        }
        if (parallel && sleepBetweenRunsMs > 0) {
            throw new UsageException("--sleep-between-runs applies to serial invocations; drop --parallel.");
        }
        return TuningPlan.builder().powers(powers).num(num).parallel(parallel).onlyColdStarts(onlyColdStarts)
                .sleepBetweenRunsMs(sleepBetweenRunsMs).discardTopBottom(discardTopBottom).dryRun(dryRun)
                .strategy(chosen).strategies(Strategy.all(strategy)).build();
    }

    private List<String> localIds(Template tmpl) {
        Map<String, Integer> known = tmpl.functions();
        List<String> asked = FunctionResolver.names(functions);
        if (asked.isEmpty()) {
            return List.copyOf(known.keySet());
        }
        for (String id : asked) {
            if (!known.containsKey(id)) {
                throw new UsageException("Unknown function '" + id + "'; the template has " + String.join(", ", known.keySet()) + ".");
            }
        }
        return asked;
    }

    private List<FunctionTarget> localTargets(List<String> ids, Path builds, Optional<List<byte[]>> given, TuningPlan plan) {
        List<FunctionTarget> targets = new ArrayList<>();
        for (String id : ids) {
            targets.add(new FunctionTarget(id, id, id, events(id, id, builds, given, plan)));
        }
        return targets;
    }

    private List<FunctionTarget> awsTargets(LambdaClient lambda, Template tmpl, Path builds,
                                            Optional<List<byte[]>> given, TuningPlan plan) {
        List<String> asked = FunctionResolver.names(functions);
        List<FunctionTarget> targets = new ArrayList<>();
        if (stack != null) {
            List<FunctionResolver.Deployed> deployed = FunctionResolver.stackFunctions(lambda, stack);
            if (deployed.isEmpty()) {
                throw new UsageException("No Lambda function carries the tag " + FunctionResolver.STACK_TAG + "=" + stack
                        + " in this account and region; is the stack deployed here?");
            }
            for (FunctionResolver.Deployed d : deployed) {
                String display = d.logicalId() != null ? d.logicalId() : d.functionName();
                if (asked.isEmpty() || asked.contains(display) || asked.contains(d.functionName())) {
                    targets.add(new FunctionTarget(display, d.functionName(), d.logicalId(),
                            events(display, d.logicalId(), builds, given, plan)));
                }
            }
            if (targets.isEmpty()) {
                throw new UsageException("Stack " + stack + " has none of " + asked + ".");
            }
            return targets;
        }
        if (asked.isEmpty()) {
            throw new UsageException("On AWS name the function(s) with --function NAME|ARN, or give --stack.");
        }
        for (String name : asked) {
            String logicalId = tmpl != null && tmpl.functions().containsKey(name) ? name : null;
            try {
                lambda.getFunctionConfiguration(r -> r.functionName(name));
            } catch (ResourceNotFoundException e) {
                throw new UsageException("Function not found on AWS: " + name);
            }
            targets.add(new FunctionTarget(name, name, logicalId, events(name, logicalId, builds, given, plan)));
        }
        return targets;
    }

    private List<byte[]> events(String display, String logicalId, Path builds, Optional<List<byte[]>> given, TuningPlan plan) {
        if (given.isPresent()) {
            return given.get();
        }
        byte[] exemplar = FunctionResolver.exemplarEvent(builds, logicalId).orElseThrow(() -> new UsageException(
                "No payload for " + display + ": no exemplar event in " + builds.resolve(String.valueOf(logicalId))
                        + "/lib (run make build) and no --payload given."));
        return Payloads.expand(new String(exemplar, java.nio.charset.StandardCharsets.UTF_8), plan.invocationsPerPower());
    }

    private void applyToTemplate(Template tmpl, List<FunctionReport> results, TuningPlan plan) {
        Template current = tmpl;
        for (FunctionReport r : results) {
            Optional<PowerResult> w = r.winner(plan.strategy());
            if (r.target().logicalId() == null || w.isEmpty() || !current.functions().containsKey(r.target().logicalId())) {
                err.println("Not applied to the template: " + r.target().displayName() + " (no winner or not in the template).");
                continue;
            }
            current.applyMemory(r.target().logicalId(), w.get().power());
            current = Template.load(current.file());
            out.println("Applied: " + r.target().logicalId() + " MemorySize " + w.get().power() + " in " + current.file());
        }
    }

    private void autoOptimize(LambdaClient lambda, List<FunctionReport> results, TuningPlan plan) {
        for (FunctionReport r : results) {
            Optional<PowerResult> w = r.winner(plan.strategy());
            if (w.isEmpty()) {
                continue;
            }
            String version = AutoOptimizer.apply(lambda, r.target().functionName(), w.get().power(), alias);
            out.println("Optimized: " + r.target().functionName() + " now " + w.get().power() + " MB"
                    + (version == null ? " ($LATEST; no alias " + alias + ")" : ", alias " + alias + " -> version " + version));
        }
    }

    static LambdaClient client(URI endpoint, String region) {
        LambdaClientBuilder builder = LambdaClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(15)) // Lambda's longest timeout
                        .build())
                .region(Region.of(region));
        if (endpoint != null) {
            builder.endpointOverride(endpoint)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }

    private static String awsRegionOrNull() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion().id();
        } catch (SdkException e) {
            return null;
        }
    }

    /** Bad input: reported as one line and exit code 2. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
