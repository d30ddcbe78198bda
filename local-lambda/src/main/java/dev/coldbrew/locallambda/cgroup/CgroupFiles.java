package dev.coldbrew.locallambda.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Small file helpers shared by the two cgroup versions. */
final class CgroupFiles {
    private CgroupFiles() {
    }

    static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    static OptionalLong readLong(Path file) {
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code sh -c 'echo $$ > procs...; exec "$@"' sh command...}: the JVM starts inside the groups. */
    static List<String> joinThenExec(List<Path> procsFiles, List<String> command) {
        StringBuilder script = new StringBuilder();
        for (Path procs : procsFiles) {
            script.append("echo $$ > '").append(procs).append("' && ");
        }
        script.append("exec \"$@\"");
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", script.toString(), "sh"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Removes groups left behind by emulators that were killed before they could clean up. */
    static void removeStale(Path root, String prefix) {
        try (var children = Files.list(root)) {
            for (Path child : children.toList()) {
                String name = child.getFileName().toString();
                if (!name.startsWith(prefix)) {
                    continue;
                }
                long pid;
                try {
                    pid = Long.parseLong(name.substring(prefix.length()));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).isEmpty()) {
                    try (var groups = Files.list(child)) {
                        groups.filter(Files::isDirectory).forEach(group -> {
                            try {
                                Files.deleteIfExists(group);
                            } catch (IOException ignored) {
                                // Still has a process: leave it.
                            }
                        });
                    }
                    Files.deleteIfExists(child);
                }
            }
        } catch (IOException ignored) {
            // Best effort housekeeping.
        }
    }

    /** rmdir, retried briefly: the kernel empties a group a moment after its last process is reaped. */
    static void remove(Path directory) {
        for (int attempt = 0; attempt < 50 && Files.exists(directory); attempt++) {
            try {
                Files.deleteIfExists(directory);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
