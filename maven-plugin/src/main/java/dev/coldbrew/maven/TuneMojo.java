package dev.coldbrew.maven;

import dev.coldbrew.tuner.TuningPlan;
import java.io.File;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Power tuning: each function measured at several memory sizes through the Lambda API, on the local Lambda (with the
 * template's DynamoDB tables in DynamoDB Local) or, with {@code coldbrew.stack}, deployed on AWS; the memory size
 * picked by cost, speed or a balance of both. Reports go to {@code target/tuning/report.json} and {@code report.html}.
 * Every version and alias the tuner creates is removed and the configuration restored, whatever happens. Locally it
 * needs the build output: run {@code make build} first.
 */
@Mojo(name = "tune", aggregator = true, requiresDependencyResolution = ResolutionScope.NONE,
        threadSafe = true)
public class TuneMojo extends ColdbrewMojo {
    /** Functions to tune, comma-separated: the template's logical IDs (or names/ARNs on AWS). Default: all. */
    @Parameter(property = "coldbrew.functions")
    String functions;

    /** Memory sizes in MB: a list ({@code 128,512}), a range {@code FROM-TO:STEP} ({@code 128-1024:128}) or {@code all}. */
    @Parameter(property = "coldbrew.power", defaultValue = TuningPlan.PROJECT_POWERS)
    String power;

    /**
     * Invocations per memory size, or {@code auto[:MAX]}: 5 a size, then more (up to MAX, 20 without it) only for the
     * sizes still in contention.
     */
    @Parameter(property = "coldbrew.num", defaultValue = TuningPlan.PROJECT_NUM)
    String num;

    /** What the winner is picked by: {@code cost}, {@code speed} or {@code balanced}. */
    @Parameter(property = "coldbrew.strategy", defaultValue = "balanced")
    String strategy;

    /**
     * The event: inline JSON, {@code @file} (relative to the project's directory) or a weighted list. Default: the
     * function's exemplar event.
     */
    @Parameter(property = "coldbrew.payload")
    String payload;

    /** Write each winning MemorySize into the template (only that value changes). */
    @Parameter(property = "coldbrew.apply", defaultValue = "false")
    boolean apply;

    /** Tune the functions of this deployed CloudFormation stack on AWS instead of locally (AWS credentials needed). */
    @Parameter(property = "coldbrew.stack")
    String stack;

    /** Where report.json and report.html go. */
    @Parameter(property = "coldbrew.outputDir", defaultValue = "${project.basedir}/target/tuning")
    File outputDir;

    @Override
    public void execute() throws MojoFailureException {
        requireJava21();
        if (stack == null) {
            requireTemplate();
        }
        Arguments line = new Arguments(args);
        addTemplateOptions(line);
        if (stack == null) {
            addLocalOptions(line);
        } else {
            line.option("--stack", stack);
        }
        if (functions != null && !functions.isBlank()) {
            line.option("--function", functions, "-f");
        }
        line.option("--power", power, "-p").option("--num", num, "-n").option("--strategy", strategy, "-s");
        if (payload != null && !payload.isBlank()) {
            line.option("--payload", payload.startsWith("@") ? "@" + projectPath(payload.substring(1)) : payload);
        }
        if (apply) {
            line.flag("--apply");
        }
        line.option("--output-dir", outputDir.getAbsolutePath(), "-o");
        addAdviceOptions(line);
        run(Tool.TUNE, line);
    }

    /** coldbrew:advise adds its own. */
    void addAdviceOptions(Arguments line) {
    }
}
