package dev.coldbrew.tuner;

import dev.coldbrew.locallambda.LocalDependencies;
import dev.coldbrew.locallambda.LocalLambda;
import java.net.URI;
import java.nio.file.Path;

/**
 * The local Lambda emulator on a free loopback port with the services the template's functions call
 * (DynamoDB Local with the reference data, the local HTTP endpoint) wired in; closed in reverse order.
 */
public final class EmbeddedLocal implements AutoCloseable {
    private final LocalDependencies dependencies;
    private final LocalLambda lambda;

    private EmbeddedLocal(LocalDependencies dependencies, LocalLambda lambda) {
        this.dependencies = dependencies;
        this.lambda = lambda;
    }

    public static EmbeddedLocal start(Path template, Path buildDir) throws Exception {
        LocalLambda.Options options = LocalLambda.options(template, buildDir).withPort(0).withLogSink(line -> { });
        LocalDependencies dependencies = LocalDependencies.start(template, options.region());
        try {
            return new EmbeddedLocal(dependencies, LocalLambda.start(dependencies.applyTo(options)));
        } catch (RuntimeException | Error e) {
            dependencies.close();
            throw e;
        }
    }

    public URI endpoint() {
        return lambda.endpoint();
    }

    /** How CPU is limited; results from an unthrottled emulator do not show Lambda's memory→CPU shape. */
    public String limits() {
        return lambda.throttled() ? lambda.limits() : "UNTHROTTLED (no cgroup CPU limits on this machine)";
    }

    public boolean throttled() {
        return lambda.throttled();
    }

    @Override
    public void close() {
        lambda.close();
        dependencies.close();
    }
}
