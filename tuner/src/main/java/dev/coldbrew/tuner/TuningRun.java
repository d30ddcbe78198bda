package dev.coldbrew.tuner;

import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.template.SamTemplate;
import dev.coldbrew.lambda.template.TemplateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
                target.buildDir(), measurement.payloadEvents(calls), calls);
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
        err.println("Starting the local emulator with the local services of local-services.yaml...");
        EmbeddedLocal local = EmbeddedLocal.start(target.templateFile(), builds, target.parameterOverrides);
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
        tuner = new Tuner(lambda, plan, architecture, pricingRegion, concurrency, Progress.detect(output.progress()), err);
        err.println("Tuning " + functions.size() + " function(s) on " + environment + " at " + plan.powers() + " MB, "
                + plan.invocationsPerPower() + " invocation(s) each.");
        if (!plan.dryRun() && !plan.onlyColdStarts() && Math.floor(plan.num() * plan.discardTopBottom()) < 1) {
            err.println("Note: with --num " + plan.num() + " and --discard-top-bottom " + plan.discardTopBottom()
                    + " nothing is trimmed, so each size's cold start weighs in its mean; use --num 5 or more.");
        }
        List<FunctionReport> results = tuner.run(functions);
        for (FunctionReport r : results) {
            out.print(ConsoleReport.render(r, plan));
        }
        Path reports = output.reportsDir(target.templateFile());
        new ReportWriter(plan, environment).write(results, reports);
        out.println();
        out.println("Reports: " + reports.resolve("report.json") + " and " + reports.resolve("report.html"));
        Winners winners = new Winners(results, plan.strategy(), out, err);
        if (output.apply()) {
            winners.writeInto(template);
        }
        if (output.autoOptimize()) {
            winners.deploy(lambda, output.alias());
        }
        out.flush();
        return results.stream().allMatch(FunctionReport::succeeded) ? 0 : CliErrors.FAILED;
    }
}
