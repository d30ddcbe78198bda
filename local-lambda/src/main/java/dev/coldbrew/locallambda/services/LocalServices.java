package dev.coldbrew.locallambda.services;

import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.template.CloudFormationYaml;
import dev.coldbrew.lambda.template.SamTemplate;
import dev.coldbrew.locallambda.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The local services of a stack: every {@link LocalServiceProvider} on the class path, each given its section
 * of the local-services file ({@code local-services.yaml} beside the template unless another is named) with the
 * settings given on the command line over it, started in turn and wired into the emulator's options; closed in
 * reverse order. What the functions refer to that none of them stands in for is named in {@link #notices()}.
 */
public final class LocalServices implements AutoCloseable {
    /** The file looked for beside the template. */
    public static final String DEFAULT_FILE = "local-services.yaml";

    private final List<LocalService> running;
    private final List<String> notices;

    private LocalServices(List<LocalService> running, List<String> notices) {
        this.running = running;
        this.notices = List.copyOf(notices);
    }

    /** Starts what the template and {@code configurationFile} (null: the default beside the template, if any) ask for. */
    public static LocalServices start(LocalLambda.Options options, Path configurationFile) throws IOException {
        return start(options, configurationFile, Map.of());
    }

    /**
     * As {@link #start(LocalLambda.Options, Path)}, with {@code settings} over the file's: each key a path into it,
     * {@code SECTION.KEY} or deeper ({@code dynamodb.seed.AppTable} seeds that table), each value a string. Relative
     * file paths in them are relative to the file's directory, as in the file; callers pass absolute ones.
     */
    public static LocalServices start(LocalLambda.Options options, Path configurationFile, Map<String, String> settings)
            throws IOException {
        Path file = configurationFile != null ? configurationFile.toAbsolutePath() : options.template().resolveSibling(DEFAULT_FILE);
        if (configurationFile != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Local services file " + file + " does not exist.");
        }
        Map<String, Object> sections = withSettings(Files.isRegularFile(file) ? CloudFormationYaml.load(file) : Map.of(), settings);
        Map<String, LocalServiceProvider> providers = new LinkedHashMap<>();
        ServiceLoader.load(LocalServiceProvider.class).forEach(p -> providers.put(p.name(), p));
        for (String section : sections.keySet()) {
            if (!providers.containsKey(section)) {
                String where = settings.keySet().stream().anyMatch(k -> k.startsWith(section + ".")) ? "A local-services setting" : file.toString();
                throw new IllegalArgumentException(where + " configures '" + section + "', which no local service provides"
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
            new LocalServices(running, List.of()).close();
            throw e;
        }
        Set<String> served = new HashSet<>();
        Map<String, String> environment = new LinkedHashMap<>(options.environmentOverrides());
        for (LocalService service : running) {
            served.addAll(service.resources());
            environment.putAll(service.environment());
        }
        return new LocalServices(running, NotRunLocally.notices(template, options.onlyFunctions(), served, environment));
    }

    /**
     * The file's sections with the settings put in, each creating the mappings on its path that the file lacks.
     * A key needs a section and a setting ({@code dynamodb.seed.T}); a mapping cannot be replaced by a value.
     */
    static Map<String, Object> withSettings(Map<String, Object> sections, Map<String, String> settings) {
        Map<String, Object> merged = deepCopy(sections);
        settings.forEach((key, value) -> {
            String[] path = key.split("\\.");
            if (path.length < 2 || List.of(path).contains("")) {
                throw new IllegalArgumentException("Local-services setting '" + key + "=" + value
                        + "': the key is SECTION.NAME (e.g. dynamodb.seed.AppTable), a path into the local-services file.");
            }
            Map<String, Object> level = merged;
            for (int i = 0; i < path.length - 1; i++) {
                Object next = level.computeIfAbsent(path[i], k -> new LinkedHashMap<String, Object>());
                if (!(next instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException("Local-services setting '" + key + "': "
                            + String.join(".", List.of(path).subList(0, i + 1)) + " is a value in the file, not a mapping.");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) next;
                level = map;
            }
            level.put(path[path.length - 1], value);
        });
        return merged;
    }

    private static Map<String, Object> deepCopy(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(String.valueOf(k), v instanceof Map<?, ?> m ? deepCopy(m) : v));
        return copy;
    }

    /**
     * One paragraph per template resource the functions refer to that no local service stands in for (an S3
     * bucket, a queue, ...), naming the endpoint variable that points them at one of the user's own; for the
     * start-up output.
     */
    public List<String> notices() {
        return notices;
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
