package dev.coldbrew.locallambda.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * cgroup v2: {@code cpu.max} ("quota period") and {@code memory.max} in a child of a unified hierarchy whose
 * {@code cpu} and {@code memory} controllers can be delegated to it.
 */
final class CgroupV2Limiter implements ResourceLimiter {
    static final long PERIOD_US = 100_000;
    private static final String PREFIX = "coldbrew-local-lambda-";
    private static final List<Path> CANDIDATE_ROOTS = List.of(Path.of("/sys/fs/cgroup"), Path.of("/sys/fs/cgroup/unified"));

    private final Path parent;

    private CgroupV2Limiter(Path parent) {
        this.parent = parent;
    }

    static CgroupV2Limiter tryCreate() {
        for (Path root : CANDIDATE_ROOTS) {
            Path controllers = root.resolve("cgroup.controllers");
            try {
                if (!Files.isRegularFile(controllers) || !Files.readString(controllers).contains("cpu")) {
                    continue;
                }
                if (!Files.readString(root.resolve("cgroup.subtree_control")).contains("cpu")) {
                    CgroupFiles.write(root.resolve("cgroup.subtree_control"), "+cpu +memory");
                }
                CgroupFiles.removeStale(root, PREFIX);
                Path parent = root.resolve(PREFIX + ProcessHandle.current().pid());
                Files.createDirectories(parent);
                CgroupFiles.write(parent.resolve("cgroup.subtree_control"), "+cpu +memory");
                return new CgroupV2Limiter(parent);
            } catch (IOException | RuntimeException e) {
                // Not delegable here; try the next root, then cgroup v1.
            }
        }
        return null;
    }

    @Override
    public String description() {
        return "cgroup v2 (cpu.max + memory.max)";
    }

    @Override
    public boolean throttled() {
        return true;
    }

    @Override
    public ResourceGroup create(String name, long cpuMillicores, long memoryBytes) throws IOException {
        Path group = parent.resolve(name);
        Files.createDirectories(group);
        writeCpu(group, cpuMillicores);
        CgroupFiles.write(group.resolve("memory.max"), String.valueOf(memoryBytes));
        try {
            CgroupFiles.write(group.resolve("memory.swap.max"), "0");
        } catch (IOException ignored) {
            // No swap accounting on this kernel.
        }
        return new ResourceGroup() {
            @Override
            public List<String> wrap(List<String> command) {
                return CgroupFiles.joinThenExec(List.of(group.resolve("cgroup.procs")), command);
            }

            @Override
            public void setCpu(long millicores) throws IOException {
                writeCpu(group, millicores);
            }

            @Override
            public OptionalLong peakMemoryBytes() {
                return CgroupFiles.readLong(group.resolve("memory.peak"));
            }

            @Override
            public void close() {
                CgroupFiles.remove(group);
            }
        };
    }

    private static void writeCpu(Path group, long millicores) throws IOException {
        CgroupFiles.write(group.resolve("cpu.max"), (PERIOD_US * millicores / 1000) + " " + PERIOD_US);
    }

    @Override
    public void close() {
        CgroupFiles.remove(parent);
    }
}
