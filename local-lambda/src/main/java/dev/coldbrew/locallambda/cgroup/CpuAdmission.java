package dev.coldbrew.locallambda.cgroup;

/**
 * Keeps the CPU quota held by live environments within the host's cores, so that one environment's
 * measurement never runs on CPU another environment was promised.
 */
public final class CpuAdmission {
    private final long capacityMillicores;
    private long heldMillicores;

    public CpuAdmission(int hostCores) {
        this.capacityMillicores = hostCores * 1000L;
    }

    public synchronized boolean tryAcquire(long millicores) {
        if (heldMillicores + millicores > capacityMillicores) {
            return false;
        }
        heldMillicores += millicores;
        return true;
    }

    public synchronized void release(long millicores) {
        heldMillicores = Math.max(0, heldMillicores - millicores);
    }

    public synchronized long heldMillicores() {
        return heldMillicores;
    }

    public long capacityMillicores() {
        return capacityMillicores;
    }
}
