package dev.coldbrew.tuner;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** What a run leaves behind: the reports and, when asked, the winners in the template or on AWS. */
final class OutputOptions {

    @ArgGroup(exclusive = true)
    DryRunOrChanges changes = new DryRunOrChanges();

    static final String DEFAULT_ALIAS = "live";

    @Option(names = "--alias", paramLabel = "NAME",
            description = "Alias --auto-optimize moves. Default: the alias named in --function NAME:ALIAS, else " + DEFAULT_ALIAS + ".")
    String alias;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Where report.json and report.html go. Default: target/tuning beside the template.")
    Path outputDir;

    @Option(names = "--disable-payload-logs", description = "Keep payloads out of every message, the console and the "
            + "reports: failures show the error type without the function's message, which may quote its event.")
    boolean disablePayloadLogs;

    @Option(names = "--include-output-results", description = "Add Power Tuning's value, averagePrice and averageDuration "
            + "to each memory size in report.json's stats, for tools that read Power Tuning's output.")
    boolean includeOutputResults;

    @Option(names = "--no-progress", negatable = false, description = "No progress: neither the bar (on a terminal) nor a line per memory size (in a log).")
    boolean noProgress;

    /** A dry run changes nothing; a real one may change the template, the deployed functions, or both. */
    @ConflictMessage("--dry-run makes no changes; drop --apply/--auto-optimize or --dry-run.")
    static final class DryRunOrChanges {
        @Option(names = "--dry-run", description = "One invocation per memory size; no analysis, no changes.")
        boolean dryRun;

        @ArgGroup(exclusive = false)
        Changes changes = new Changes();
    }

    static final class Changes {
        @Option(names = "--apply", description = "Write the winning MemorySize into the template (only that value changes).")
        boolean apply;

        @Option(names = "--auto-optimize", description = "On AWS: set the winning memory, publish a version and move the alias to it.")
        boolean autoOptimize;
    }

    boolean dryRun() {
        return changes.dryRun;
    }

    boolean apply() {
        return changes.changes.apply;
    }

    boolean autoOptimize() {
        return changes.changes.autoOptimize;
    }

    /** The alias --auto-optimize moves for {@code target}: --alias, else the alias it was named with, else live. */
    String alias(FunctionTarget target) {
        if (alias != null) {
            return alias;
        }
        return target.qualifier() != null && target.qualifier().alias() ? target.qualifier().name() : DEFAULT_ALIAS;
    }

    boolean disablePayloadLogs() {
        return disablePayloadLogs;
    }

    boolean includeOutputResults() {
        return includeOutputResults;
    }

    boolean progress() {
        return !noProgress;
    }

    /**
     * --auto-optimize moves an alias of a deployed function, there is none locally; and one alias: --alias and an
     * alias named in --function ({@code aliasQualifiers}) must agree.
     */
    void validate(boolean onAws, List<String> aliasQualifiers) {
        String other = aliasQualifiers.stream().filter(q -> alias != null && !q.equals(alias)).findFirst().orElse(null);
        if (autoOptimize() && other != null) {
            throw new UsageException("--alias " + alias + " and --function NAME:" + other
                    + " name different aliases for --auto-optimize to move; give one.");
        }
        if (autoOptimize() && !onAws) {
            throw new UsageException("--auto-optimize updates deployed functions on AWS; locally use --apply.");
        }
    }

    /** Where report.json and report.html go; target/tuning beside the template unless given. */
    Path reportsDir(Path templateFile) {
        return outputDir != null ? outputDir.toAbsolutePath() : templateFile.getParent().resolve("target/tuning");
    }
}
