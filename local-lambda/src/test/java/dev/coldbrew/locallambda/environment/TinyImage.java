package dev.coldbrew.locallambda.environment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The smallest image that runs here: the host's /bin/sh and the libraries ldd lists for it, at their host paths, and
 * a shell script as entrypoint ({@code /bin/sh /entry.sh}); its working directory {@code /work} exists.
 */
public final class TinyImage {
    private TinyImage() {
    }

    /** Writes the image's tarball to {@code archive}; the image's command is {@code cmd}. */
    public static void write(Path archive, String entryScript, List<String> cmd) throws IOException, InterruptedException {
        DockerArchive.Layer system = new DockerArchive.Layer();
        for (String file : sharedLibraries("/bin/sh")) {
            system.file(file.substring(1), 0755, Files.readAllBytes(Path.of(file)));
        }
        system.file("bin/sh", 0755, Files.readAllBytes(Path.of("/bin/sh")));
        DockerArchive.Layer app = new DockerArchive.Layer().file("entry.sh", 0755, entryScript).directory("work", 0755);
        DockerArchive.write(archive, List.of(system, app), List.of("/bin/sh", "/entry.sh"), cmd, List.of("PATH=/bin"), "/work");
    }

    private static Set<String> sharedLibraries(String binary) throws IOException, InterruptedException {
        Process ldd = new ProcessBuilder("ldd", binary).redirectErrorStream(true).start();
        String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(ldd.waitFor(10, TimeUnit.SECONDS) && ldd.exitValue() == 0, output);
        Set<String> files = new LinkedHashSet<>();
        for (String word : output.split("\\s+")) {
            if (word.startsWith("/")) {
                files.add(word);
            }
        }
        return files;
    }

    /** Whether this machine can run image functions; the reason it cannot, otherwise. */
    public static String unusableReason() {
        try {
            new ImageSandbox().requireUsable();
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
