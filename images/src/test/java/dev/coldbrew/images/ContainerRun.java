package dev.coldbrew.images;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a command with an unpacked image as its root, as a container runtime would, with no Docker: a mount
 * namespace of its own (so nothing it mounts reaches this machine's mount table), {@code /proc} mounted in it,
 * the device nodes every runtime creates, and the root changed to the image (unshare's {@code --root}, a
 * chroot), in the image's working directory and with only the environment given. Needs root.
 */
final class ContainerRun {
    private ContainerRun() {
    }

    /** Why commands cannot be run in an image here, if they cannot. */
    static Optional<String> unavailable() {
        long uid = new UnixSystem().getUid();
        if (uid != 0) {
            return Optional.of("changing the root and mounting /proc need root; this test runs as uid " + uid);
        }
        try {
            Process probe = new ProcessBuilder("unshare", "--mount", "--fork", "true").redirectErrorStream(true).start();
            String output = new String(probe.getInputStream().readAllBytes());
            if (probe.waitFor() != 0) {
                return Optional.of("this machine does not allow a mount namespace (unshare --mount): " + output.strip());
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("unshare (util-linux) is not installed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    /**
     * Starts the command; its standard output and error go to {@code log}. The JVM needs {@code /proc}: its
     * launcher finds libjli.so relative to /proc/self/exe ({@code $ORIGIN}). It also needs {@code /dev/urandom}:
     * without it, SecureRandom seeds itself from thread timings, which took 8 s here.
     */
    static Process start(Path root, String workingDirectory, List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(root.resolve("proc"));
        devices(root.resolve("dev"));
        List<String> unshare = new ArrayList<>(List.of("unshare", "--mount", "--fork",
                // If the test stops unshare, the command stops with it.
                "--kill-child",
                // Both paths are inside the new root: unshare changes the root first.
                "--root=" + root, "--mount-proc=/proc", "--wd=" + workingDirectory));
        unshare.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(unshare).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** /dev/null, zero, random and urandom, as character devices (made with mknod, so nothing is mounted). */
    private static void devices(Path dev) throws IOException, InterruptedException {
        Files.createDirectories(dev);
        for (Map.Entry<String, String> device : Map.of("null", "3", "zero", "5", "random", "8", "urandom", "9").entrySet()) {
            Path node = dev.resolve(device.getKey());
            if (Files.exists(node)) {
                continue;
            }
            Process mknod = new ProcessBuilder("mknod", "-m", "666", node.toString(), "c", "1", device.getValue())
                    .redirectErrorStream(true).start();
            String output = new String(mknod.getInputStream().readAllBytes());
            if (mknod.waitFor() != 0) {
                throw new IOException("mknod " + node + " failed: " + output);
            }
        }
    }

    /** Stops the process and everything it started, and waits for them. */
    static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
    }
}
