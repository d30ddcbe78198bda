package dev.coldbrew.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A project's function registry, as make reads it: {@code <NAME>FUNCTIONS := Id Id ...} and one
 * {@code module_<Id> := <module path>} per function. coldbrew keeps it in {@code functions.mk}; a generated
 * project keeps the same lines in its Makefile. Template order is kept.
 */
public final class FunctionModules {
    private static final Pattern LIST = Pattern.compile("(?m)^[A-Z_]*FUNCTIONS :=(.*)$");
    private static final Pattern MODULE = Pattern.compile("(?m)^module_([A-Za-z0-9]+) :=\\s*(\\S+)\\s*$");

    private FunctionModules() {
    }

    /** Logical ID to module directory (absolute), from {@code functions.mk} under the root, else its Makefile. */
    public static Map<String, Path> of(Path projectRoot) {
        Path registry = Files.isRegularFile(projectRoot.resolve("functions.mk"))
                ? projectRoot.resolve("functions.mk") : projectRoot.resolve("Makefile");
        String text;
        try {
            text = Files.readString(registry);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the function registry " + registry, e);
        }
        Matcher list = LIST.matcher(text);
        if (!list.find()) {
            throw new IllegalStateException(registry + " has no FUNCTIONS := line");
        }
        List<String> ids = new ArrayList<>(Arrays.asList(list.group(1).trim().split("\\s+")));
        ids.removeIf(String::isEmpty);
        Map<String, String> modules = new LinkedHashMap<>();
        for (Matcher m = MODULE.matcher(text); m.find(); ) {
            modules.put(m.group(1), m.group(2));
        }
        Map<String, Path> result = new LinkedHashMap<>();
        for (String id : ids) {
            String module = modules.get(id);
            if (module == null) {
                throw new IllegalStateException(registry + " lists " + id + " but has no module_" + id + " := <module> line");
            }
            result.put(id, projectRoot.resolve(module).toAbsolutePath().normalize());
        }
        modules.keySet().removeAll(ids);
        if (!modules.isEmpty()) {
            throw new IllegalStateException(registry + " has module lines for functions it does not list: " + modules.keySet());
        }
        return Collections.unmodifiableMap(result);
    }
}
