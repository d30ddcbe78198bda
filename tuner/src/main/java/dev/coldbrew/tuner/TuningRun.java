package dev.coldbrew.tuner;

import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.template.CloudFormationYaml;
import dev.coldbrew.lambda.template.SamTemplate;
import dev.coldbrew.lambda.template.TemplateException;
import dev.coldbrew.locallambda.services.LocalServices;
import dev.coldbrew.tuner.advice.AdviceReport;
import dev.coldbrew.tuner.advice.Advisor;
import dev.coldbrew.tuner.advice.AutoscalingSettings;
import dev.coldbrew.tuner.advice.ColdStartStrategy;
import dev.coldbrew.tuner.advice.PoolSimulator;
import dev.coldbrew.tuner.advice.StrategyEditor;
import dev.coldbrew.tuner.advice.TrafficProfile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * One run of coldbrew-tune with valid options: it finds the functions, connects to AWS or to a local
 * emulator (starting an embedded one when no --endpoint is given), tunes, prints and writes the reports,
 * and applies the winners when asked. {@link #run()} returns the exit code: 0 when every function was
 * tuned, 1 when one could not be.
 */
final class TuningRun {
    private final TuningPlan plan;
    private final TargetOptions target;
    private final MeasurementOptions measurement;
    private final OutputOptions output;
    private final Pricing.Architecture architecture;
    private final int concurrency;
    private final PrintWriter out;
    private final PrintWriter err;
    private AdviceOptions advice;
    private List<AdviceOptions.Traffic> traffic = List.of();
    /** Set when tuning starts: on SIGINT/SIGTERM the embedded emulator's hook restores through it first. */
    private volatile Tuner tuner;

    /** Rejects a bad --architecture or --concurrency here, before anything starts. */
    TuningRun(TuningPlan plan, TargetOptions target, MeasurementOptions measurement, OutputOptions output,
              PrintWriter out, PrintWriter err) {
        this.plan = plan;
        this.target = target;
        this.measurement = measurement;
        this.output = output;
        this.architecture = measurement.architecture();
        this.concurrency = measurement.concurrency();
        this.out = out;
        this.err = err;
    }

    /** Adds the cold-start advice for these traffic profiles (none: no advice). */
    TuningRun advising(AdviceOptions options, List<AdviceOptions.Traffic> profiles) {
        this.advice = options;
        this.traffic = List.copyOf(profiles);
        return this;
    }

    int run() throws Exception {
        Path templateFile = target.templateFile();
        boolean hasTemplate = Files.exists(templateFile);
        if (!target.onAws() && !hasTemplate) {
            throw new UsageException("Template not found: " + templateFile + " (give --template).");
        }
        if (output.apply() && !hasTemplate) {
            throw new UsageException("--apply needs the template; not found: " + templateFile);
        }
        MemorySizeEditor template = hasTemplate ? MemorySizeEditor.load(templateFile) : null;
        int calls = plan.invocationsPerPower();
        TargetResolver targets = new TargetResolver(target.functionNames(), hasTemplate ? functionIds(templateFile) : null,
                target.buildDir(), measurement.payloadEvents(calls, plan.disablePayloadLogs()), calls);
        return target.onAws() ? onAws(targets, template) : locally(targets, template);
    }

    /** The template's Java functions, as the local emulator reads the template (lambda-model). */
    private List<String> functionIds(Path templateFile) {
        try {
            return SamTemplate.load(templateFile, target.buildDir(), target.parameterOverrides, new Arns(LambdaClients.LOCAL_REGION, Arns.LOCAL_ACCOUNT))
                    .functionIds();
        } catch (TemplateException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private int onAws(TargetResolver targets, MemorySizeEditor template) throws IOException {
        String region = target.awsRegion();
        String environment = "AWS " + region + (target.stack() != null ? ", stack " + target.stack() : "");
        try (LambdaClient lambda = LambdaClients.aws(region)) {
            return tune(lambda, targets.deployed(lambda, target.stack()), environment, region, template);
        }
    }

    private int locally(TargetResolver targets, MemorySizeEditor template) throws Exception {
        List<String> ids = targets.templateIds();
        if (target.endpoint() != null) {
            try (LambdaClient lambda = LambdaClients.local(URI.create(target.endpoint()))) {
                return tune(lambda, targets.local(ids), "local emulator " + target.endpoint(), target.region(), template);
            }
        }
        Path builds = target.buildDir();
        if (!Files.isDirectory(builds)) {
            throw new UsageException("No build output at " + builds + "; run `make build` first.");
        }
        List<FunctionTarget> functions = targets.local(ids);
        Path servicesFile = target.localServicesFile != null ? target.localServicesFile
                : target.templateFile().resolveSibling(LocalServices.DEFAULT_FILE);
        err.println("Starting the local emulator with its local services"
                + (Files.isRegularFile(servicesFile) ? " (" + servicesFile.getFileName() + ")" : "") + "...");
        EmbeddedLocal local = EmbeddedLocal.start(target.templateFile(), builds, target.parameterOverrides, target.environment,
                target.localServicesFile, target.localServicesSettings);
        local.notices().forEach(notice -> err.println("NOTE: " + notice));
        // On SIGINT/SIGTERM: restore the functions first (they live in the emulator), then stop it and its
        // child processes.
        Thread stopOnExit = new Thread(() -> {
            Tuner running = tuner;
            if (running != null) {
                running.restoreAll();
            }
            local.close();
        }, "coldbrew-tuner-stop-local");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try (LambdaClient lambda = LambdaClients.local(local.endpoint())) {
            String environment = "local emulator " + local.endpoint() + ", CPU limits: " + local.limits();
            return tune(lambda, functions, environment, target.region(), template);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
                local.close();
            } catch (IllegalStateException shuttingDown) {
                // The shutdown hook stops the emulator.
            }
        }
    }

    private int tune(LambdaClient lambda, List<FunctionTarget> functions, String environment, String pricingRegion,
                     MemorySizeEditor template) throws IOException {
        if (functions.isEmpty()) {
            throw new UsageException("No functions to tune.");
        }
        // Bad qualifiers and processors are bad input: found here, before anything changes.
        functions = TargetResolver.resolveQualifiers(lambda, functions);
        FunctionResolver.checkProcessor(lambda, "--pre-invoke", plan.preInvoke(), functions);
        FunctionResolver.checkProcessor(lambda, "--post-invoke", plan.postInvoke(), functions);
        tuner = new Tuner(lambda, plan, architecture, pricingRegion, concurrency, Progress.detect(output.progress()), err);
        err.println("Tuning " + functions.size() + " function(s) on " + environment + " at " + plan.powers() + " MB, "
                + plan.invocationsPerPower() + " invocation(s) each"
                + (plan.numAuto() ? ", up to " + plan.maxInvocationsPerPower() + " for sizes still in contention." : "."));
        if (!plan.dryRun() && !plan.onlyColdStarts() && Math.floor(plan.invocationsPerPower() * plan.discardTopBottom()) < 1) {
            err.println("Note: with --num " + plan.invocationsPerPower() + " and --discard-top-bottom " + plan.discardTopBottom()
                    + " nothing is trimmed, so each size's cold start weighs in its mean; use --num 5 or more.");
        }
        List<FunctionReport> results = tuner.run(functions);
        for (FunctionReport r : results) {
            out.print(ConsoleReport.render(r, plan));
        }
        Advising advising = advise(lambda, results);
        Path reports = output.reportsDir(target.templateFile());
        new ReportWriter(plan, environment, output.includeOutputResults()).write(results, advising.advice(), reports);
        out.println();
        out.println("Reports: " + reports.resolve("report.json") + " and " + reports.resolve("report.html"));
        Winners winners = new Winners(results, plan.strategy(), out, err);
        boolean strategiesApplied = true;
        if (output.apply()) {
            winners.writeInto(template);
            if (!advising.advised().isEmpty()) {
                strategiesApplied = applyStrategies(advising.advised());
            }
        }
        if (output.autoOptimize()) {
            winners.deploy(lambda, output::alias);
        }
        out.flush();
        return results.stream().allMatch(FunctionReport::succeeded) && advising.complete() && strategiesApplied
                ? 0 : CliErrors.FAILED;
    }

    /** One function's advice for one traffic profile, with the template logical ID --apply writes it to. */
    private record Advised(String logicalId, Advisor.Advice advice) {
    }

    /** A run's advice; {@code complete} is false when a tuned function could not be advised. */
    private record Advising(List<Advised> advised, boolean complete) {
        List<Advisor.Advice> advice() {
            return advised.stream().map(Advised::advice).toList();
        }
    }

    /**
     * Writes each recommended strategy into the template; only with one traffic profile, since the advice is per
     * profile. A strategy the editor refuses (it would need more than that function's lines) is said, not forced.
     */
    private boolean applyStrategies(List<Advised> advised) {
        if (traffic.size() != 1) {
            err.println("Strategies not applied: the advice differs per traffic profile; give exactly one --traffic to apply it.");
            return false;
        }
        boolean all = true;
        for (Advised advisedFunction : advised) {
            Advisor.Advice a = advisedFunction.advice();
            String logicalId = advisedFunction.logicalId();
            if (logicalId == null) {
                err.println("Strategy not applied: " + a.figures().function() + " is not a function of the template.");
                all = false;
                continue;
            }
            ColdStartStrategy chosen = a.recommended().strategy();
            StrategyEditor.Kind kind = switch (chosen) {
                case ColdStartStrategy.OnDemand o -> StrategyEditor.Kind.ON_DEMAND;
                case ColdStartStrategy.SnapStart s -> StrategyEditor.Kind.SNAP_START;
                case ColdStartStrategy.Provisioned p -> StrategyEditor.Kind.PROVISIONED;
                case ColdStartStrategy.Autoscaled as -> StrategyEditor.Kind.PROVISIONED;
            };
            int environments = switch (chosen) {
                case ColdStartStrategy.Provisioned p -> p.environments();
                case ColdStartStrategy.Autoscaled as -> Math.max(1, as.settings().minCapacity());
                default -> 0;
            };
            try {
                StrategyEditor.load(target.templateFile()).write(logicalId, kind, environments);
                out.println("Applied: " + logicalId + " " + chosen.label() + " in " + target.templateFile());
            } catch (IllegalArgumentException refused) {
                err.println("Strategy not applied to " + logicalId + ": " + refused.getMessage());
                all = false;
            }
        }
        return all;
    }

    /** The advice per tuned function and traffic profile, printed as it comes; a function that cannot be advised is said. */
    private Advising advise(LambdaClient lambda, List<FunctionReport> results) {
        if (traffic.isEmpty()) {
            return new Advising(List.of(), true);
        }
        AdviceMeasurement measurement = new AdviceMeasurement(lambda, new FunctionTuner(lambda, plan, Progress.open(
                Progress.Style.NONE, err, 0, 0)), target.onAws(), advice.snapStartRestoreMs);
        Advisor advisor = new Advisor(new PoolSimulator(advice.assumptions()));
        AutoscalingSettings autoscaling = autoscalingSettings();
        try (CloudWatchClient cloudWatch = AdviceOptions.readsCloudWatch(traffic) ? CloudWatchTraffic.client(target.awsRegion()) : null) {
            return advise(results, measurement, advisor, autoscaling, cloudWatch);
        }
    }

    private Advising advise(List<FunctionReport> results, AdviceMeasurement measurement, Advisor advisor,
                            AutoscalingSettings autoscaling, CloudWatchClient cloudWatch) {
        List<Advised> advised = new ArrayList<>();
        boolean complete = true;
        for (FunctionReport tuned : results) {
            if (!tuned.succeeded()) {
                continue;
            }
            err.println("Measuring " + tuned.target().displayName() + " for the advice: " + AdviceMeasurement.COLD_STARTS
                    + " on-demand cold starts and " + AdviceMeasurement.WARM_CALLS + " warm calls at its configured memory...");
            AdviceMeasurement.Outcome outcome = measurement.measure(tuned);
            if (outcome.figures() == null) {
                out.println();
                out.println(tuned.target().displayName() + ": no advice, " + outcome.failure());
                complete = false;
                continue;
            }
            for (AdviceOptions.Traffic t : traffic) {
                TrafficProfile profile = t.forFunction(cloudWatch, tuned.target().functionName());
                Advisor.Advice a = advisor.advise(outcome.figures(), profile, autoscaling, advice.p99SloMs);
                out.print(AdviceReport.console(a));
                advised.add(new Advised(tuned.target().logicalId(), a));
            }
        }
        return new Advising(advised, complete);
    }

    /** The template's autoscaling parameters (their defaults), else the reference template's values. */
    @SuppressWarnings("unchecked")
    private AutoscalingSettings autoscalingSettings() {
        AutoscalingSettings d = AutoscalingSettings.TEMPLATE_DEFAULTS;
        Path file = target.templateFile();
        if (!Files.exists(file)) {
            return d;
        }
        try {
            Map<String, Object> parameters = CloudFormationYaml.load(file).get("Parameters") instanceof Map<?, ?> p
                    ? (Map<String, Object>) p : Map.of();
            return new AutoscalingSettings(
                    (int) number(parameters, "ProvisionedMinCapacity", d.minCapacity()),
                    (int) number(parameters, "ProvisionedMaxCapacity", d.maxCapacity()),
                    (int) number(parameters, "ProvisionedBusyHoursMinCapacity", d.busyMinCapacity()),
                    d.busyStartMinute(), d.busyEndMinute(),
                    number(parameters, "ProvisionedTargetUtilization", d.targetUtilization()));
        } catch (RuntimeException e) {
            throw new UsageException("Cannot read the autoscaling parameters of " + file + ": " + Messages.firstLine(e.getMessage()));
        }
    }

    private static double number(Map<String, Object> parameters, String name, double fallback) {
        if (parameters.get(name) instanceof Map<?, ?> parameter && parameter.get("Default") != null) {
            return Double.parseDouble(String.valueOf(parameter.get("Default")));
        }
        return fallback;
    }
}
