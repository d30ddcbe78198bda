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

    /**
     * Reserves up to {@code wanted} millicores, at least {@code minimum}: what is free when that lies
     * between them. Returns what was reserved, or 0 when not even the minimum is free.
     */
    public synchronized long tryAcquireUpTo(long wanted, long minimum) {
        long granted = Math.min(wanted, capacityMillicores - heldMillicores);
        if (granted < minimum) {
            return 0;
        }
        heldMillicores += granted;
        return granted;
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
