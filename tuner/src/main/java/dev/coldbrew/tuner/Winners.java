package dev.coldbrew.tuner;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * What a run does with the chosen strategy's winners when asked: writes each one's memory size into the
 * template (--apply), or sets it on the deployed function and moves the alias to a new version
 * (--auto-optimize).
 */
final class Winners {
    private final List<FunctionReport> results;
    private final Strategy strategy;
    private final PrintWriter out;
    private final PrintWriter err;

    Winners(List<FunctionReport> results, Strategy strategy, PrintWriter out, PrintWriter err) {
        this.results = results;
        this.strategy = strategy;
        this.out = out;
        this.err = err;
    }

    /** Changes only the MemorySize of each tuned function in the template. */
    void writeInto(MemorySizeEditor template) {
        MemorySizeEditor current = template;
        for (FunctionReport r : results) {
            Optional<PowerResult> w = r.winner(strategy);
            String logicalId = r.target().logicalId();
            if (logicalId == null || w.isEmpty() || !current.hasFunction(logicalId)) {
                err.println("Not applied to the template: " + r.target().displayName() + " (no winner or not in the template).");
                continue;
            }
            current.applyMemory(logicalId, w.get().power());
            current = MemorySizeEditor.load(current.file());
            out.println("Applied: " + logicalId + " MemorySize " + w.get().power() + " in " + current.file());
        }
    }

    /**
     * Gives each deployed function its winning memory and points its alias ({@code aliasFor}: the one it was named
     * with, or --alias), where it exists, at a new version with it.
     */
    void deploy(LambdaClient lambda, Function<FunctionTarget, String> aliasFor) {
        for (FunctionReport r : results) {
            Optional<PowerResult> w = r.winner(strategy);
            if (w.isEmpty()) {
                continue;
            }
            String alias = aliasFor.apply(r.target());
            String version = AutoOptimizer.apply(lambda, r.target().functionName(), w.get().power(), alias);
            out.println("Optimized: " + r.target().functionName() + " now " + w.get().power() + " MB"
                    + (version == null ? " ($LATEST; no alias " + alias + ")" : ", alias " + alias + " -> version " + version));
        }
    }
}
