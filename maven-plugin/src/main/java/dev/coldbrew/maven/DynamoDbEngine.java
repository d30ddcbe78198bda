package dev.coldbrew.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;

/**
 * DynamoDB Local as this plugin carries it: its jars and sqlite4java's native libraries, resolved by Maven as the
 * plugin's own dependencies, linked into one directory for the local services' {@code dynamodb.engine} setting.
 * coldbrew's build copies the same into {@code local-services/target/dynamodb-local}; other projects have none.
 */
final class DynamoDbEngine {
    /** What DynamoDB Local's JVM loads: classes and sqlite4java's native libraries (which keep their file names). */
    private static final List<String> KINDS = List.of(".jar", ".so", ".dll", ".dylib");

    private DynamoDbEngine() {
    }

    /** Fills {@code directory} afresh with links to (or, where links fail, copies of) the artifacts' files. */
    static Path prepare(List<Artifact> artifacts, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (Stream<Path> old = Files.list(directory)) {
            for (Path file : old.collect(Collectors.toList())) {
                Files.delete(file);
            }
        }
        for (Artifact artifact : artifacts) {
            File file = artifact.getFile();
            if (file == null || KINDS.stream().noneMatch(file.getName()::endsWith)) {
                continue;
            }
            Path link = directory.resolve(file.getName());
            if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                // Two artifacts of one file name in different groups; the native libraries never collide.
                link = directory.resolve(artifact.getGroupId() + "." + file.getName());
            }
            try {
                Files.createSymbolicLink(link, file.toPath().toAbsolutePath());
            } catch (IOException | UnsupportedOperationException e) {
                // Windows without the right to make links.
                Files.copy(file.toPath(), link, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return directory;
    }
}
