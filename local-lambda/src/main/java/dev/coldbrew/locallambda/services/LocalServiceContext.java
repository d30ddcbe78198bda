package dev.coldbrew.locallambda.services;

import dev.coldbrew.lambda.template.SamTemplate;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a provider starts from.
 *
 * @param template      the template, read with the run's parameter overrides
 * @param configuration the provider's section of the local-services file (empty when it has none)
 * @param baseDirectory what relative paths in the configuration are relative to (the file's directory)
 */
public record LocalServiceContext(SamTemplate template, Map<String, Object> configuration, Path baseDirectory) {
    public LocalServiceContext {
        configuration = Map.copyOf(configuration);
    }

    /** A string setting of the provider's section, or null. */
    public String setting(String key) {
        Object value = configuration.get(key);
        return value == null ? null : String.valueOf(value);
    }
}
