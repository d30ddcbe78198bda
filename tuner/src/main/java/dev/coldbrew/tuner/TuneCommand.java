package dev.coldbrew.tuner;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code coldbrew-tune}: power tuning for the functions of template.yaml on the local emulator, or for
 * deployed functions on AWS. The options come in groups ({@link TargetOptions}, {@link MeasurementOptions},
 * {@link Strategy.Options}, {@link OutputOptions}, {@link AdviceOptions}); a {@link TuningRun} does the work. Exit codes: 0 tuned,
 * 1 a function could not be tuned, 2 bad input ({@link CliErrors}).
 */
@Command(name = "coldbrew-tune", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures each function at several memory sizes through the Lambda API and picks the "
                + "memory size by cost, speed or a balance of both. Every version and alias it creates is "
                + "deleted and the original configuration restored, whatever happens.")
public final class TuneCommand implements Callable<Integer> {
    /** How every error line on the error stream starts; bad input adds {@link #HELP_HINT} after it. */
    public static final String ERROR_PREFIX = "coldbrew-tune: ";
    public static final String HELP_HINT = CliErrors.HELP_HINT;

    @Mixin
    TargetOptions target;

    @Mixin
    MeasurementOptions measurement;

    @Mixin
    Strategy.Options strategy;

    @Mixin
    OutputOptions output;

    @Mixin
    AdviceOptions advice;

    @Spec
    CommandSpec spec;

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
        CliErrors.install(cli);
        return cli.execute(args);
    }

    /** Checks what picocli cannot (values, and options that depend on each other), then runs. */
    @Override
    public Integer call() throws Exception {
        TuningPlan plan = measurement.plan(strategy, output);
        target.validate();
        output.validate(target.onAws(), target.aliasQualifiers());
        var traffic = advice.profiles(java.nio.file.Path.of(""), target.onAws(), java.time.Clock.systemUTC());
        CommandLine cli = spec.commandLine();
        return new TuningRun(plan, target, measurement, output, cli.getOut(), cli.getErr())
                .advising(advice, traffic).run();
    }
}
