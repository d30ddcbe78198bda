package dev.coldbrew.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the coldbrew repository root: -Dcoldbrew.root (set by the build), else upwards from the working directory. */
public final class LocalPaths {
    private LocalPaths() {
    }

    public static Path repositoryRoot() {
        String configured = System.getProperty("coldbrew.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("local-services"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the coldbrew repository root; run from inside it or pass -Dcoldbrew.root=<dir>.");
    }
}
