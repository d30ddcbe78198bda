package dev.coldbrew.locallambda.environment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image tarball unpacked as a container runtime would: layers in order, whiteouts, links, modes and times. */
class ImageRootFsTest {
    private static final FileTime FIRST_BUILD = FileTime.from(Instant.parse("2020-01-02T03:04:05Z"));
    private static final FileTime SECOND_BUILD = FileTime.from(Instant.parse("2021-06-07T08:09:10Z"));

    @TempDir
    Path build;

    @Test
    void layersApplyInOrderWithWhiteoutsLinksModesAndTimes() throws IOException {
        String escapeName = "coldbrew-escape-" + UUID.randomUUID();
        DockerArchive.Layer base = new DockerArchive.Layer()
                .directory("app", 0755).directory("app/lib", 0755)
                .file("app/lib/function.jar", 0644, "jar-v1".getBytes(StandardCharsets.UTF_8), FIRST_BUILD)
                .hardLink("app/lib/same.jar", "app/lib/function.jar")
                .file("app/run.sh", 0755, "#!/bin/sh\n")
                .file("opt/tool", 04755, "setuid")
                .directory("etc", 0755).file("etc/old.conf", 0644, "old")
                .directory("cache", 0755).file("cache/a", 0644, "a")
                .symlink("bin", "app")
                .symlink("escape", "/");
        DockerArchive.Layer update = new DockerArchive.Layer()
                .whiteout("etc/old.conf")
                .file("cache/.wh..wh..opq", 0644, "").file("cache/b", 0644, "b")
                .file("app/lib/function.jar", 0644, "jar-v2".getBytes(StandardCharsets.UTF_8), SECOND_BUILD)
                .file("bin/added", 0644, "through the image's link")
                .file("escape/tmp/" + escapeName, 0644, "must stay inside the root");
        FunctionConfiguration function = image("Fn", "sha-one", List.of(base, update));

        try (ImageRootFs images = new ImageRootFs()) {
            ImageRootFs.Image image = images.unpack(function);
            Path root = image.root();
            assertEquals(new ImageArchive.Config(List.of("/app/run.sh"), List.of("example.Handler::handleRequest"),
                    List.of("PATH=/app:/bin", "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75"), "/app"), image.config());

            assertEquals("jar-v2", Files.readString(root.resolve("app/lib/function.jar")), "the upper layer wins");
            assertEquals(SECOND_BUILD, Files.getLastModifiedTime(root.resolve("app/lib/function.jar")),
                    "the tar's modification time, kept for AOT caches that check jar times");
            assertEquals("jar-v1", Files.readString(root.resolve("app/lib/same.jar")),
                    "a hard link keeps the file it linked to; replacing the other name does not change it");
            assertEquals(0755, mode(root.resolve("app/run.sh")));
            assertEquals(04755, mode(root.resolve("opt/tool")), "setuid survives, not only rwx");
            assertFalse(Files.exists(root.resolve("etc/old.conf")), "whited out");
            assertTrue(Files.isDirectory(root.resolve("etc")));
            assertEquals(List.of("b"), names(root.resolve("cache")), "an opaque directory hides the lower layer's files");
            assertTrue(Files.isSymbolicLink(root.resolve("bin")));
            assertEquals(Path.of("app"), Files.readSymbolicLink(root.resolve("bin")));
            assertEquals("through the image's link", Files.readString(root.resolve("app/added")));
            assertTrue(Files.isRegularFile(root.resolve("tmp/" + escapeName)), "an absolute link resolves inside the root");
            assertFalse(Files.exists(Path.of("/tmp", escapeName)), "nothing is written outside the root");

            for (String mountPoint : List.of("proc", "sys/fs/cgroup", "tmp")) {
                assertTrue(Files.isDirectory(root.resolve(mountPoint), LinkOption.NOFOLLOW_LINKS), mountPoint);
            }
            for (String file : List.of("dev/null", "dev/urandom", "etc/hosts", "etc/resolv.conf")) {
                assertTrue(Files.isRegularFile(root.resolve(file), LinkOption.NOFOLLOW_LINKS), file);
            }
        }
    }

    @Test
    void eachCodeDigestIsUnpackedOnceAndCloseRemovesThemAll() throws IOException {
        List<DockerArchive.Layer> layers = List.of(new DockerArchive.Layer().file("marker", 0644, "original"));
        FunctionConfiguration first = image("First", "sha-shared", layers);
        FunctionConfiguration sameCode = first.toBuilder().functionName("SameCode").build();
        FunctionConfiguration other = image("Other", "sha-other", List.of(new DockerArchive.Layer().file("marker", 0644, "other")));
        Path root;
        try (ImageRootFs images = new ImageRootFs()) {
            root = images.unpack(first).root();
            Files.writeString(root.resolve("marker"), "changed after unpacking");
            assertEquals(root, images.unpack(sameCode).root());
            assertEquals("changed after unpacking", Files.readString(root.resolve("marker")), "not unpacked again");
            assertNotEquals(root, images.unpack(other).root());
        }
        assertFalse(Files.exists(root), "close removes the unpacked images");
    }

    @Test
    void aTarballThatIsNoImageFailsWithItsPath() throws IOException {
        Path archive = build.resolve("Broken/image.tar");
        Files.createDirectories(archive.getParent());
        Files.writeString(archive, "not a tar");
        FunctionConfiguration broken = FunctionConfiguration.builder().functionName("Broken").packageType(FunctionConfiguration.IMAGE)
                .codeDirectory(archive.getParent()).code("sha-broken", 9).build();
        try (ImageRootFs images = new ImageRootFs()) {
            IOException e = assertThrows(IOException.class, () -> images.unpack(broken));
            assertTrue(e.getMessage().startsWith("Cannot unpack " + archive), e.getMessage());
        }
    }

    private FunctionConfiguration image(String name, String sha, List<DockerArchive.Layer> layers) throws IOException {
        Path directory = build.resolve(name);
        DockerArchive.write(directory.resolve(FunctionConfiguration.IMAGE_ARCHIVE), layers, List.of("/app/run.sh"),
                List.of("example.Handler::handleRequest"), List.of("PATH=/app:/bin", "JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75"), "/app");
        return FunctionConfiguration.builder().functionName(name).packageType(FunctionConfiguration.IMAGE)
                .codeDirectory(directory).code(sha, 1).build();
    }

    private static int mode(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    private static List<String> names(Path directory) throws IOException {
        try (var children = Files.list(directory)) {
            return children.map(child -> child.getFileName().toString()).sorted().toList();
        }
    }
}
