package dev.coldbrew.tuner;

import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** What a run leaves behind: the reports and, when asked, the winners in the template or on AWS. */
final class OutputOptions {

    @ArgGroup(exclusive = true)
    DryRunOrChanges changes = new DryRunOrChanges();

    @Option(names = "--alias", paramLabel = "NAME", description = "Alias --auto-optimize moves. Default: ${DEFAULT-VALUE}.")
    String alias = "live";

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Where report.json and report.html go. Default: target/tuning beside the template.")
    Path outputDir;

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

    String alias() {
        return alias;
    }

    boolean progress() {
        return !noProgress;
    }

    /** --auto-optimize moves an alias of a deployed function; there is none locally. */
    void validate(boolean onAws) {
        if (autoOptimize() && !onAws) {
            throw new UsageException("--auto-optimize updates deployed functions on AWS; locally use --apply.");
        }
    }

    /** Where report.json and report.html go; target/tuning beside the template unless given. */
    Path reportsDir(Path templateFile) {
        return outputDir != null ? outputDir.toAbsolutePath() : templateFile.getParent().resolve("target/tuning");
    }
}
