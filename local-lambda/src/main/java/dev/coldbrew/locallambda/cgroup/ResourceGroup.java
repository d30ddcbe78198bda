package dev.coldbrew.locallambda.cgroup;

import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/** The CPU and memory limits of one execution environment's process. */
public interface ResourceGroup extends AutoCloseable {
    /** The command, changed so that the process joins the group before the JVM starts. */
    List<String> wrap(List<String> command);

    /** Changes the CPU quota of a running group (the init burst ends at the first invoke). */
    void setCpu(long millicores) throws IOException;

    /** Peak memory of everything that ran in the group, when the group measures it. */
    OptionalLong peakMemoryBytes();

    /** Removes the group; call after its process has exited. */
    @Override
    void close();
}
