package dev.coldbrew.images;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM's {@code -Xlog:class+load} output: where each class came from, and how many from the AOT cache. */
record ClassLoadLog(Map<String, String> sources) {
    /** The source the JVM names for classes it maps from a CDS archive or an AOT cache. */
    static final String FROM_CACHE = "shared objects file";
    private static final Pattern LINE = Pattern.compile("\\] (\\S+) source: (.+)$");

    static ClassLoadLog of(List<String> lines) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line);
            if (m.find()) {
                sources.putIfAbsent(m.group(1), m.group(2).trim());
            }
        }
        return new ClassLoadLog(sources);
    }

    int total() {
        return sources.size();
    }

    long fromCache() {
        return sources.values().stream().filter(source -> source.startsWith(FROM_CACHE)).count();
    }

    boolean fromCache(String className) {
        return sourceOf(className).filter(source -> source.startsWith(FROM_CACHE)).isPresent();
    }

    Optional<String> sourceOf(String className) {
        return Optional.ofNullable(sources.get(className));
    }
}
