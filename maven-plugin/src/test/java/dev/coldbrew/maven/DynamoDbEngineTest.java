package dev.coldbrew.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.ArtifactHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DynamoDbEngineTest {
    @TempDir
    Path dir;

    private Artifact artifact(String group, String fileName) throws IOException {
        Path file = Files.createDirectories(dir.resolve("repo").resolve(group)).resolve(fileName);
        Files.writeString(file, group + fileName);
        String extension = fileName.substring(fileName.lastIndexOf('.') + 1);
        DefaultArtifact artifact = new DefaultArtifact(group, fileName, "1", "runtime", extension, null, handler(extension));
        artifact.setFile(file.toFile());
        return artifact;
    }

    private static Object link(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    private static ArtifactHandler handler(String extension) {
        return new ArtifactHandler() {
            public String getExtension() { return extension; }
            public String getDirectory() { return null; }
            public String getClassifier() { return null; }
            public String getPackaging() { return extension; }
            public boolean isIncludesDependencies() { return false; }
            public String getLanguage() { return "java"; }
            public boolean isAddedToClasspath() { return true; }
        };
    }

    private Set<String> names(Path engine) throws IOException {
        try (Stream<Path> files = Files.list(engine)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void jarsAndNativeLibrariesAreLinkedUnderTheirNamesAndStaleOnesGo() throws IOException {
        Path engine = dir.resolve("engine");
        Files.createDirectories(engine);
        Files.writeString(engine.resolve("old-1.0.jar"), "left from an earlier version");
        List<Artifact> artifacts = List.of(artifact("com.a", "DynamoDBLocal-2.6.1.jar"), artifact("com.a", "utils-1.jar"),
                artifact("org.b", "utils-1.jar"), artifact("com.c", "libsqlite4java-linux-amd64-1.0.392.so"),
                artifact("com.c", "parent-1.pom"));
        DynamoDbEngine.prepare(artifacts, engine);
        assertEquals(Set.of("DynamoDBLocal-2.6.1.jar", "utils-1.jar", "org.b.utils-1.jar", "libsqlite4java-linux-amd64-1.0.392.so"),
                names(engine));
        assertEquals("org.butils-1.jar", Files.readString(engine.resolve("org.b.utils-1.jar")));
        assertTrue(Files.isSymbolicLink(engine.resolve("DynamoDBLocal-2.6.1.jar")));

        Object linked = link(engine.resolve("utils-1.jar"));
        DynamoDbEngine.prepare(artifacts, engine);
        assertEquals(linked, link(engine.resolve("utils-1.jar")), "a right link is left as it is (the same file)");
    }
}
