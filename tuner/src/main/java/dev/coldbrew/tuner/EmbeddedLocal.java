package dev.coldbrew.tuner;

import dev.coldbrew.locallambda.LocalLambda;
import dev.coldbrew.locallambda.services.LocalServices;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The local Lambda emulator on a free loopback port with the stack's local services (local-services.yaml
 * beside the template unless another file is named, with settings over it) wired in; closed in reverse order.
 */
public final class EmbeddedLocal implements AutoCloseable {
    private final LocalServices dependencies;
    private final LocalLambda lambda;

    private EmbeddedLocal(LocalServices dependencies, LocalLambda lambda) {
        this.dependencies = dependencies;
        this.lambda = lambda;
    }

    public static EmbeddedLocal start(Path template, Path buildDir, Map<String, String> parameterOverrides) throws Exception {
        return start(template, buildDir, parameterOverrides, Map.of(), null, Map.of());
    }

    /**
     * @param environment      variables set in every execution environment (e.g. an endpoint of the user's own)
     * @param servicesFile     the local-services file; null: local-services.yaml beside the template, if any
     * @param servicesSettings settings over the file's ({@link LocalServices#start(LocalLambda.Options, Path, Map)})
     */
    public static EmbeddedLocal start(Path template, Path buildDir, Map<String, String> parameterOverrides,
                                      Map<String, String> environment, Path servicesFile, Map<String, String> servicesSettings)
            throws Exception {
        LocalLambda.Options options = LocalLambda.options(template, buildDir).withPort(0).withLogSink(line -> { })
                .withParameterOverrides(parameterOverrides)
                .withEnvironmentOverrides(environment)
                // Tuning measures on-demand and SnapStart invokes through its own aliases; provisioned environments
                // from the template would only hold CPU quota the sizes being tuned need.
                .withTemplateProvisionedConcurrency(false);
        LocalServices dependencies = LocalServices.start(options, servicesFile, servicesSettings);
        try {
            return new EmbeddedLocal(dependencies, LocalLambda.start(dependencies.applyTo(options)));
        } catch (RuntimeException | Error e) {
            dependencies.close();
            throw e;
        }
    }

    /** What the functions refer to that does not run locally, one paragraph each ({@link LocalServices#notices()}). */
    public List<String> notices() {
        return dependencies.notices();
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
