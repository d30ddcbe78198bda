package dev.coldbrew.locallambda.environment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command inside an unpacked image the way Lambda runs an image function: the image's file system as root,
 * read-only except {@code /tmp}, which is the environment's own. Without Docker: {@code unshare --mount} gives the
 * process a private mount namespace (its mounts vanish with it and never reach the host), a shell there makes the
 * mounts, then {@code unshare --root --wd} changes root and working directory and runs the command. Nothing forks
 * (neither {@code unshare} has {@code --fork}), so the command keeps the process ID the emulator started, signals and
 * cgroups. It needs the privileges to create a mount namespace, mount and chroot: root.
 */
final class ImageSandbox {
    private static final List<Path> TOOL_DIRECTORIES = List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"), Path.of("/sbin"));
    private static final Path HOST_ROOT = Path.of("/");
    private static final Path CGROUPS = Path.of("/sys/fs/cgroup");

    /**
     * Printed just before the entrypoint runs: Init Duration starts there, as Lambda's starts with the runtime,
     * not with the thirty-odd mounts this emulator makes first (about 100 ms here).
     */
    static final String ENTRYPOINT_MARKER = "coldbrew-local-lambda: entrypoint starts";

    private final Optional<Path> unshare = tool("unshare");
    private final Optional<Path> mount = tool("mount");
    private volatile String unusable;
    private volatile boolean probed;

    /**
     * Fails, with one sentence saying why, when this machine cannot run image functions; probed once by running
     * the same {@code unshare} steps on {@code true}.
     */
    void requireUsable() {
        if (!probed) {
            unusable = probe();
            probed = true;
        }
        if (unusable != null) {
            throw new IllegalStateException("image functions need root to chroot into the image's file system ("
                    + unusable + ")");
        }
    }

    private String probe() {
        if (unshare.isEmpty() || mount.isEmpty()) {
            return "no unshare or mount command in " + TOOL_DIRECTORIES;
        }
        try {
            Process process = new ProcessBuilder(unshare.get().toString(), "--mount", "--propagation", "private",
                    unshare.get().toString(), "--root=/", "--wd=/", "true").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "unshare did not finish";
            }
            return process.exitValue() == 0 ? null : "unshare --mount failed: " + output;
        } catch (IOException e) {
            return "cannot run unshare: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * The command that runs {@code argv} (the image's entrypoint and command) in {@code root}, with these mounts in
     * the private namespace: the root itself read-only, {@code tmp} on its {@code /tmp}, a proc file system, the
     * host's cgroup hierarchies read-only (the JVM reads its memory limit there, so a heap given as a percentage
     * follows the function's memory size), a few devices and the host's name resolution files.
     *
     * @param workingDirectory inside the image; {@code /} when empty
     */
    List<String> command(Path root, Path tmp, String workingDirectory, List<String> argv) {
        List<String> script = new ArrayList<>();
        script.add("set -e");
        bindReadOnly(script, root, root);
        script.add(mountCommand() + " --bind " + quote(tmp) + " " + quote(root.resolve("tmp")));
        script.add(mountCommand() + " -t proc -o nosuid,nodev,noexec proc " + quote(root.resolve("proc")));
        for (Path cgroupMount : cgroupMounts()) {
            bindReadOnly(script, cgroupMount, root.resolve(HOST_ROOT.relativize(cgroupMount)));
        }
        for (String device : ImageRootFs.DEVICES) {
            script.add(mountCommand() + " --bind " + quote(HOST_ROOT.resolve(device)) + " " + quote(root.resolve(device)));
        }
        for (String file : ImageRootFs.HOST_FILES) {
            if (Files.isRegularFile(HOST_ROOT.resolve(file))) {
                bindReadOnly(script, HOST_ROOT.resolve(file), root.resolve(file));
            }
        }
        // coreutils' chroot always starts in /; unshare --root changes into --wd inside the new root.
        String unshareCommand = unshare.map(Path::toString).orElse("unshare");
        script.add("echo " + ENTRYPOINT_MARKER);
        script.add("exec " + unshareCommand + " --root=" + quote(root) + " --wd="
                + quote(workingDirectory.isEmpty() ? "/" : workingDirectory) + " \"$@\"");
        List<String> command = new ArrayList<>(List.of(unshareCommand, "--mount", "--propagation", "private",
                "/bin/sh", "-c", String.join("\n", script), "sh"));
        command.addAll(argv);
        return command;
    }

    /** A read-only bind mount takes two steps: the bind, then a remount that sets the flag. */
    private void bindReadOnly(List<String> script, Path source, Path target) {
        script.add(mountCommand() + " --bind " + quote(source) + " " + quote(target));
        script.add(mountCommand() + " -o remount,bind,ro " + quote(target));
    }

    private String mountCommand() {
        return mount.map(Path::toString).orElse("mount");
    }

    /**
     * {@code /sys/fs/cgroup} and every mount under it (cgroup v1 mounts each hierarchy on its own directory), parents
     * first: binding them one by one lets each be made read-only, which a recursive bind would not do.
     */
    private static List<Path> cgroupMounts() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(line -> Path.of(line.split(" ")[4].replace("\\040", " ")))
                    .filter(mountPoint -> mountPoint.startsWith(CGROUPS))
                    .distinct()
                    .sorted(Comparator.comparingInt(Path::getNameCount))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Optional<Path> tool(String name) {
        return TOOL_DIRECTORIES.stream().map(directory -> directory.resolve(name)).filter(Files::isExecutable).findFirst();
    }

    /** A shell word: single-quoted, with single quotes closed, escaped and reopened. */
    static String quote(Path path) {
        return quote(path.toString());
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
