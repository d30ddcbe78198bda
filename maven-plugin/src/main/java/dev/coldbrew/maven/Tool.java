package dev.coldbrew.maven;

import dev.coldbrew.locallambda.LocalLambdaMain;
import dev.coldbrew.tuner.TuneCommand;
import java.io.PrintWriter;

/** A coldbrew command line the goals run in Maven's JVM, and how its error lines are told apart. */
enum Tool {
    LOCAL_LAMBDA("local-lambda", LocalLambdaMain.ERROR_PREFIX, "Run local-lambda --help for the options."),
    TUNE("coldbrew-tune", TuneCommand.ERROR_PREFIX, TuneCommand.HELP_HINT);

    final String command;
    final String errorPrefix;
    final String helpHint;

    Tool(String command, String errorPrefix, String helpHint) {
        this.command = command;
        this.errorPrefix = errorPrefix;
        this.helpHint = helpHint;
    }

    /**
     * Runs the command to its end (the emulator: until Ctrl-C or an interrupt) and returns its exit code. The tools'
     * classes (Java 21) are first loaded here, after {@link ColdbrewMojo#requireJava21()}.
     */
    int execute(PrintWriter out, PrintWriter err, String... args) {
        if (this == LOCAL_LAMBDA) {
            return LocalLambdaMain.execute(out, err, args);
        }
        return TuneCommand.execute(out, err, args);
    }
}
