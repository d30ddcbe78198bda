package dev.coldbrew.locallambda.cgroup;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/** Creates per-environment resource groups: cgroup v2, cgroup v1, or none (unthrottled). */
public interface ResourceLimiter extends AutoCloseable {
    /** Short description for logs and reports, e.g. "cgroup v1 (CFS quota + memory limit)". */
    String description();

    /** False when environments run without CPU limits; every measurement must then say so. */
    boolean throttled();

    ResourceGroup create(String name, long cpuMillicores, long memoryBytes) throws IOException;

    /** Removes what the limiter itself created. */
    @Override
    void close();

    /** The best limiter this machine allows, probed by trying it. */
    static ResourceLimiter detect() {
        ResourceLimiter v2 = CgroupV2Limiter.tryCreate();
        if (v2 != null) {
            return v2;
        }
        ResourceLimiter v1 = CgroupV1Limiter.tryCreate();
        return v1 != null ? v1 : unthrottled();
    }

    static ResourceLimiter unthrottled() {
        return new ResourceLimiter() {
            @Override
            public String description() {
                return "unthrottled (no writable cgroup; CPU is not limited by memory size)";
            }

            @Override
            public boolean throttled() {
                return false;
            }

            @Override
            public ResourceGroup create(String name, long cpuMillicores, long memoryBytes) {
                return new ResourceGroup() {
                    @Override
                    public List<String> wrap(List<String> command) {
                        return command;
                    }

                    @Override
                    public void setCpu(long millicores) {
                    }

                    @Override
                    public OptionalLong peakMemoryBytes() {
                        return OptionalLong.empty();
                    }

                    @Override
                    public void close() {
                    }
                };
            }

            @Override
            public void close() {
            }
        };
    }
}
