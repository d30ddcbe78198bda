package dev.coldbrew.locallambda.services;

import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.template.CloudFormationYaml;
import dev.coldbrew.lambda.template.SamTemplate;
import dev.coldbrew.locallambda.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The local services of a stack: every {@link LocalServiceProvider} on the class path, each given its section
 * of the local-services file ({@code local-services.yaml} beside the template unless another is named), started
 * in turn and wired into the emulator's options; closed in reverse order.
 */
public final class LocalServices implements AutoCloseable {
    /** The file looked for beside the template. */
    public static final String DEFAULT_FILE = "local-services.yaml";

    private final List<LocalService> running;

    private LocalServices(List<LocalService> running) {
        this.running = running;
    }

    /** Starts what the template and {@code configurationFile} (null: the default beside the template, if any) ask for. */
    public static LocalServices start(LocalLambda.Options options, Path configurationFile) throws IOException {
        Path file = configurationFile != null ? configurationFile : options.template().resolveSibling(DEFAULT_FILE);
        if (configurationFile != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Local services file " + file + " does not exist.");
        }
        Map<String, Object> sections = Files.isRegularFile(file) ? CloudFormationYaml.load(file) : Map.of();
        Map<String, LocalServiceProvider> providers = new LinkedHashMap<>();
        ServiceLoader.load(LocalServiceProvider.class).forEach(p -> providers.put(p.name(), p));
        for (String section : sections.keySet()) {
            if (!providers.containsKey(section)) {
                throw new IllegalArgumentException(file + " configures '" + section + "', which no local service provides"
                        + " (on the class path: " + new TreeSet<>(providers.keySet()) + ").");
            }
        }
        SamTemplate template = SamTemplate.load(options.template(), options.buildDirectory(), options.parameterOverrides(),
                new Arns(options.region(), Arns.LOCAL_ACCOUNT));
        List<LocalService> running = new ArrayList<>();
        try {
            for (LocalServiceProvider provider : providers.values()) {
                Map<String, Object> section = sections.get(provider.name()) instanceof Map<?, ?> m ? stringKeys(m) : Map.of();
                LocalService service = provider.start(new LocalServiceContext(template, section, file.toAbsolutePath().getParent()));
                if (service != null) {
                    running.add(service);
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            new LocalServices(running).close();
            throw e;
        }
        return new LocalServices(running);
    }

    /** The options with these services wired in; parameters and variables the options already set win. */
    public LocalLambda.Options applyTo(LocalLambda.Options options) {
        Map<String, String> parameters = new LinkedHashMap<>(options.parameterOverrides());
        Map<String, String> environment = new LinkedHashMap<>(options.environmentOverrides());
        for (LocalService service : running) {
            service.parameterOverrides().forEach(parameters::putIfAbsent);
            service.environment().forEach(environment::putIfAbsent);
        }
        return options.withParameterOverrides(parameters).withEnvironmentOverrides(environment);
    }

    public String describe() {
        return running.isEmpty() ? "none" : String.join("; ", running.stream().map(LocalService::describe).toList());
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        return copy;
    }
}
