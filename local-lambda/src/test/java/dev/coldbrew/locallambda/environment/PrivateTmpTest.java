package dev.coldbrew.locallambda.environment;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each environment's /tmp: removed with it by default, kept under a root the caller gives. */
class PrivateTmpTest {
    @TempDir
    Path directory;

    @Test
    void temporaryDirectoriesGoWithTheirEnvironmentAndTheRootOnClose() throws IOException {
        Path first;
        Path root;
        try (PrivateTmp tmp = PrivateTmp.temporary()) {
            first = tmp.create("Fn-env-1");
            Path second = tmp.create("Fn-env-2");
            assertNotEquals(first, second, "each environment has its own");
            Files.writeString(first.resolve("written"), "by the function");
            tmp.release(first);
            assertFalse(Files.exists(first));
            assertTrue(Files.isDirectory(second), "the other environment's stays while it runs");
            root = second.getParent();
        }
        assertFalse(Files.exists(root), "close removes the temporary root");
    }

    @Test
    void directoriesUnderACallersRootAreKept() throws IOException {
        try (PrivateTmp tmp = PrivateTmp.keptUnder(directory.resolve("kept"))) {
            Path environment = tmp.create("Fn-env-1");
            Files.writeString(environment.resolve("aot.cache"), "collected later");
            tmp.release(environment);
            assertTrue(Files.isRegularFile(environment.resolve("aot.cache")));
        }
        assertTrue(Files.isDirectory(directory.resolve("kept")));
    }
}
