package dev.coldbrew.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The image's Java runtime: the JDK modules a set of jars needs (jdeps), linked into a runtime of its own (jlink). */
final class JavaRuntime {
    private static final Pattern RELEASE_LINE = Pattern.compile("^(\\w+)=\"?(.*?)\"?$", Pattern.MULTILINE);

    private JavaRuntime() {
    }

    /**
     * The modules the jars reference, as jdeps finds them from their bytecode, plus {@code add} (what only
     * reflection or service loading reaches) minus {@code drop} (what only an unused, optional code path of a
     * jar references). jlink adds whatever the chosen modules themselves require.
     */
    static SortedSet<String> modules(Path jdk, List<Path> jars, Set<String> add, Set<String> drop) {
        List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/jdeps").toString(),
                "--print-module-deps", "--ignore-missing-deps",
                // Multi-release jars (jackson, slf4j) are read as the runtime's own version reads them.
                "--multi-release", String.valueOf(featureVersion(jdk))));
        jars.forEach(jar -> command.add(jar.toString()));
        String output = Command.run(command).strip();
        // The answer is the last line: one comma-separated list.
        String last = output.substring(output.lastIndexOf('\n') + 1);
        SortedSet<String> modules = new TreeSet<>(Arrays.asList(last.split(",")));
        if (!modules.contains("java.base")) {
            throw new IllegalStateException("jdeps gave no module list: " + output);
        }
        modules.addAll(add);
        modules.removeAll(drop);
        return modules;
    }

    /**
     * Links the modules into {@code output} (which must not exist) from the JDK's own run-time image, which
     * JDK 24 and later can do without jmods when the JDK was built for it.
     */
    static void link(Path jdk, Collection<String> modules, Path output) {
        Command.run(List.of(jdk.resolve("bin/jlink").toString(),
                "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-header-files", "--no-man-pages",
                // The runtime client puts every jar in /opt/java/lib (a Java layer's place on Lambda) on the
                // function's class loader; jrt-fs.jar only serves tools that read this runtime from another JDK.
                "--exclude-files=**jrt-fs.jar",
                // The JDK's default CDS archive, as the managed runtime has it: the image without an AOT cache
                // is then a fair baseline, and an image with one replaces it (-XX:AOTCache covers the JDK too).
                "--generate-cds-archive",
                "--output", output.toString()));
        try {
            // Only for heaps over 32 GB, which Lambda's 10 GB maximum never reaches.
            Files.deleteIfExists(output.resolve("lib/server/classes_nocoops.jsa"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The feature version of a JDK (25 for 25.0.3), from its {@code release} file. */
    static int featureVersion(Path jdk) {
        String version = release(jdk).get("JAVA_VERSION");
        if (version == null) {
            throw new IllegalStateException(jdk + "/release has no JAVA_VERSION; is " + jdk + " a JDK?");
        }
        return Integer.parseInt(version.split("[.+-]")[0]);
    }

    /** The key-value pairs of a JDK's {@code release} file (JAVA_VERSION, OS_ARCH, MODULES, ...). */
    static Map<String, String> release(Path jdk) {
        try {
            Matcher line = RELEASE_LINE.matcher(Files.readString(jdk.resolve("release")));
            return line.results().collect(Collectors.toMap(m -> m.group(1), m -> m.group(2), (a, b) -> b));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jdk.resolve("release") + "; is " + jdk + " a JDK?", e);
        }
    }
}
