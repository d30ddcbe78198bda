package dev.coldbrew.locallambda.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * cgroup v1: CFS quota in the {@code cpu} hierarchy ({@code cpu.cfs_quota_us} per {@code cpu.cfs_period_us}),
 * and, where the {@code memory} hierarchy is writable, a memory limit and peak-usage counter.
 */
final class CgroupV1Limiter implements ResourceLimiter {
    static final long PERIOD_US = 100_000;
    private static final String PREFIX = "coldbrew-local-lambda-";
    private static final Path CPU_ROOT = Path.of("/sys/fs/cgroup/cpu");
    private static final Path MEMORY_ROOT = Path.of("/sys/fs/cgroup/memory");

    private final Path cpuParent;
    private final Path memoryParent;

    private CgroupV1Limiter(Path cpuParent, Path memoryParent) {
        this.cpuParent = cpuParent;
        this.memoryParent = memoryParent;
    }

    static CgroupV1Limiter tryCreate() {
        if (!Files.isRegularFile(CPU_ROOT.resolve("cpu.cfs_quota_us"))) {
            return null;
        }
        CgroupFiles.removeStale(CPU_ROOT, PREFIX);
        CgroupFiles.removeStale(MEMORY_ROOT, PREFIX);
        String name = PREFIX + ProcessHandle.current().pid();
        Path cpuParent = CPU_ROOT.resolve(name);
        try {
            Files.createDirectories(cpuParent);
            CgroupFiles.write(cpuParent.resolve("cpu.cfs_period_us"), String.valueOf(PERIOD_US));
        } catch (IOException | RuntimeException e) {
            CgroupFiles.remove(cpuParent);
            return null;
        }
        Path memoryParent = MEMORY_ROOT.resolve(name);
        try {
            Files.createDirectories(memoryParent);
            if (!Files.isRegularFile(memoryParent.resolve("memory.limit_in_bytes"))) {
                throw new IOException("no memory controller");
            }
        } catch (IOException | RuntimeException e) {
            CgroupFiles.remove(memoryParent);
            memoryParent = null;
        }
        return new CgroupV1Limiter(cpuParent, memoryParent);
    }

    @Override
    public String description() {
        return "cgroup v1 (CFS quota" + (memoryParent != null ? " + memory limit)" : ", no memory limit)");
    }

    @Override
    public boolean throttled() {
        return true;
    }

    @Override
    public ResourceGroup create(String name, long cpuMillicores, long memoryBytes) throws IOException {
        Path cpu = cpuParent.resolve(name);
        Files.createDirectories(cpu);
        CgroupFiles.write(cpu.resolve("cpu.cfs_period_us"), String.valueOf(PERIOD_US));
        writeCpu(cpu, cpuMillicores);
        List<Path> procs = new ArrayList<>(List.of(cpu.resolve("cgroup.procs")));
        Path memory = null;
        if (memoryParent != null) {
            memory = memoryParent.resolve(name);
            Files.createDirectories(memory);
            CgroupFiles.write(memory.resolve("memory.limit_in_bytes"), String.valueOf(memoryBytes));
            trySwapOff(memory, memoryBytes);
            procs.add(memory.resolve("cgroup.procs"));
        }
        return new Group(cpu, memory, procs);
    }

    /** Lambda has no swap: without this a full environment would page instead of being killed. */
    private static void trySwapOff(Path memory, long memoryBytes) {
        try {
            CgroupFiles.write(memory.resolve("memory.swappiness"), "0");
            Path memsw = memory.resolve("memory.memsw.limit_in_bytes");
            if (Files.exists(memsw)) {
                CgroupFiles.write(memsw, String.valueOf(memoryBytes));
            }
        } catch (IOException ignored) {
            // Not every kernel accounts swap per group; the memory limit alone still applies.
        }
    }

    private static void writeCpu(Path cpu, long millicores) throws IOException {
        CgroupFiles.write(cpu.resolve("cpu.cfs_quota_us"), String.valueOf(PERIOD_US * millicores / 1000));
    }

    private record Group(Path cpu, Path memory, List<Path> procs) implements ResourceGroup {
        @Override
        public List<String> wrap(List<String> command) {
            return CgroupFiles.joinThenExec(procs, command);
        }

        @Override
        public void setCpu(long millicores) throws IOException {
            writeCpu(cpu, millicores);
        }

        @Override
        public OptionalLong peakMemoryBytes() {
            return memory == null ? OptionalLong.empty() : CgroupFiles.readLong(memory.resolve("memory.max_usage_in_bytes"));
        }

        @Override
        public void close() {
            CgroupFiles.remove(cpu);
            if (memory != null) {
                CgroupFiles.remove(memory);
            }
        }
    }

    @Override
    public void close() {
        CgroupFiles.remove(cpuParent);
        if (memoryParent != null) {
            CgroupFiles.remove(memoryParent);
        }
    }
}
