package dev.coldbrew.runtime.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The root of a coldbrew project (the directory with template.yaml and the Makefile), found once for all tools. */
public final class ProjectRoot {
    /** Set by the build (the parent POM passes it to tests, the Makefile to the tools it runs). */
    public static final String PROPERTY = "coldbrew.root";

    private ProjectRoot() {
    }

    /** {@code -Dcoldbrew.root}, else the nearest directory upwards from the working directory holding both files. */
    public static Path find() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("Makefile"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the project root (template.yaml and Makefile); run from inside it or pass -D"
                + PROPERTY + "=<dir>.");
    }
}
