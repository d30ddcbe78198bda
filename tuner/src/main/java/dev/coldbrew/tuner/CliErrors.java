package dev.coldbrew.tuner;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.MaxValuesExceededException;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.MutuallyExclusiveArgsException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How coldbrew-tune reports a problem: one line on stderr, never a stack trace. Bad input exits with 2 and
 * points to --help; a run that could not complete (an API error, say) exits with 1.
 */
final class CliErrors {
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;
    /** The line after a bad-input message. */
    static final String HELP_HINT = "Run coldbrew-tune --help for the options.";

    private CliErrors() {
    }

    static void install(CommandLine cli) {
        cli.setParameterExceptionHandler((e, args) -> badInput(e.getCommandLine(), describe(e)));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException || e instanceof IllegalArgumentException) {
                return badInput(cmd, e.getMessage());
            }
            // An SDK message says what failed by itself; anything else is named by its type.
            String type = e instanceof SdkException ? "" : e.getClass().getSimpleName() + ": ";
            cmd.getErr().println(TuneCommand.ERROR_PREFIX + type + Messages.firstLine(e.getMessage()));
            cmd.getErr().flush();
            return FAILED;
        });
    }

    private static int badInput(CommandLine cli, String message) {
        cli.getErr().println(TuneCommand.ERROR_PREFIX + message);
        cli.getErr().println(HELP_HINT);
        return BAD_INPUT;
    }

    /**
     * picocli's message, except where an exclusive group was broken: its {@link ConflictMessage} when options
     * of the group were combined, or the option given twice (picocli reports both as group matches).
     */
    private static String describe(ParameterException e) {
        ParseResult parsed = e.getCommandLine().getParseResult();
        if (parsed == null || !(e instanceof MutuallyExclusiveArgsException || e instanceof MaxValuesExceededException)) {
            return e.getMessage();
        }
        return withSubgroups(e.getCommandLine().getCommandSpec().argGroups())
                .filter(group -> group.exclusive() && membersGiven(group, parsed) > 1)
                .map(group -> group.typeInfo().getType().getAnnotation(ConflictMessage.class))
                .filter(Objects::nonNull)
                .map(ConflictMessage::value)
                .findFirst()
                .or(() -> repeatedOption(parsed))
                .orElse(e.getMessage());
    }

    private static Stream<ArgGroupSpec> withSubgroups(List<ArgGroupSpec> groups) {
        return groups.stream().flatMap(group -> Stream.concat(Stream.of(group), withSubgroups(group.subgroups())));
    }

    /** How many of the group's options and subgroups the command line used. */
    private static long membersGiven(ArgGroupSpec group, ParseResult parsed) {
        long options = group.options().stream().filter(parsed::hasMatchedOption).count();
        long subgroups = group.subgroups().stream()
                .filter(subgroup -> subgroup.allOptionsNested().stream().anyMatch(parsed::hasMatchedOption)).count();
        return options + subgroups;
    }

    private static Optional<String> repeatedOption(ParseResult parsed) {
        return parsed.matchedOptionsSet().stream()
                .filter(option -> option.group() != null && !option.isMultiValue() && option.originalStringValues().size() > 1)
                .map(option -> "option '" + option.longestName() + "'" + (option.arity().max() > 0 ? " (" + option.paramLabel() + ")" : "")
                        + " should be specified only once")
                .findFirst();
    }
}
