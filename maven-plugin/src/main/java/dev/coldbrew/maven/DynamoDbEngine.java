package dev.coldbrew.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Makes {@code directory} hold links to (or, where links fail, copies of) the artifacts' files and nothing else.
     * Links that are right already stay: a DynamoDB Local started by another goal in this project may be loading from
     * them.
     */
    static Path prepare(List<Artifact> artifacts, Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<Path, Path> wanted = new LinkedHashMap<>();
        for (Artifact artifact : artifacts) {
            File file = artifact.getFile();
            if (file == null || KINDS.stream().noneMatch(file.getName()::endsWith)) {
                continue;
            }
            Path link = directory.resolve(file.getName());
            if (wanted.containsKey(link)) {
                // Two artifacts of one file name in different groups; the native libraries never collide.
                link = directory.resolve(artifact.getGroupId() + "." + file.getName());
            }
            wanted.put(link, file.toPath().toAbsolutePath());
        }
        try (Stream<Path> present = Files.list(directory)) {
            for (Path file : present.collect(Collectors.toList())) {
                if (!wanted.containsKey(file) || !pointsTo(file, wanted.get(file))) {
                    Files.delete(file);
                }
            }
        }
        for (Map.Entry<Path, Path> entry : wanted.entrySet()) {
            if (Files.exists(entry.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                Files.createSymbolicLink(entry.getKey(), entry.getValue());
            } catch (IOException | UnsupportedOperationException e) {
                // Windows without the right to make links.
                Files.copy(entry.getValue(), entry.getKey(), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return directory;
    }

    private static boolean pointsTo(Path file, Path target) throws IOException {
        return Files.isSymbolicLink(file) ? Files.readSymbolicLink(file).equals(target) : Files.size(file) == Files.size(target);
    }
}
