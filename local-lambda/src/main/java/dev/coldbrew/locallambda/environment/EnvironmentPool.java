package dev.coldbrew.locallambda.environment;

import dev.coldbrew.locallambda.cgroup.CpuAdmission;
import dev.coldbrew.lambda.function.CpuModel;
import dev.coldbrew.locallambda.cgroup.ResourceGroup;
import dev.coldbrew.locallambda.cgroup.ResourceLimiter;
import dev.coldbrew.lambda.function.FunctionConfiguration;
import dev.coldbrew.locallambda.function.LambdaApiException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * All execution environments, with Lambda's reuse rules: an invoke takes an idle environment of the same
 * configuration (warm) or starts one (cold); concurrent invokes get more environments up to a bound per
 * function; idle ones are reaped; retired configurations lose theirs. Admission control keeps the CPU quota
 * held by live environments within the host: to start one, idle environments of other functions are
 * stopped, and if that is not enough the invoke waits.
 */
public final class EnvironmentPool implements AutoCloseable {
    private final EnvironmentLauncher launcher;
    private final ResourceLimiter limiter;
    private final CpuAdmission admission;
    private final int hostCores;
    private final int maxEnvironmentsPerFunction;
    private final Duration idleTimeout;
    private final Duration queueTimeout;
    private final Duration shutdownGrace;
    private final Consumer<String> logSink;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, Thread.ofPlatform().daemon().name("local-lambda-timer").factory());
    private final AtomicLong environmentIds = new AtomicLong();
    private final List<ExecutionEnvironment> idle = new ArrayList<>();
    private final List<ExecutionEnvironment> busy = new ArrayList<>();
    /** SnapStart environments priming in the background, not yet claimed by an invoke. */
    private final List<ExecutionEnvironment> preparing = new ArrayList<>();
    /** Provisioned concurrency, by qualified name ({@code function:alias} or {@code function:version}). */
    private final Map<String, Provisioned> provisioned = new LinkedHashMap<>();

    /** One qualifier's provisioned environments: only invokes of that qualifier use them. */
    private static final class Provisioned {
        final FunctionConfiguration configuration;
        final int requested;
        final List<ExecutionEnvironment> environments = new ArrayList<>();
        final List<ExecutionEnvironment> idle = new ArrayList<>();
        final Instant lastModified = Instant.now();

        Provisioned(FunctionConfiguration configuration, int requested) {
            this.configuration = configuration;
            this.requested = requested;
        }
    }

    /** What GetProvisionedConcurrencyConfig reports. */
    public record ProvisionedStatus(int requested, int allocated, int available, String status, Instant lastModified) {
    }
    private final Set<FunctionConfiguration> retired = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    /**
     * @param shutdownGrace how long a stopped environment may take to exit after SIGTERM before it is killed; zero
     *                      kills at once, as Lambda does (timeouts always kill at once)
     */
    public EnvironmentPool(EnvironmentLauncher launcher, ResourceLimiter limiter, int hostCores, int maxEnvironmentsPerFunction,
                           Duration idleTimeout, Duration queueTimeout, Duration shutdownGrace, Consumer<String> logSink) {
        this.launcher = launcher;
        this.limiter = limiter;
        this.hostCores = hostCores;
        this.admission = new CpuAdmission(hostCores);
        this.maxEnvironmentsPerFunction = maxEnvironmentsPerFunction;
        this.idleTimeout = idleTimeout;
        this.queueTimeout = queueTimeout;
        this.shutdownGrace = shutdownGrace;
        this.logSink = logSink;
        timer.scheduleWithFixedDelay(this::reapIdle, 1, 1, TimeUnit.SECONDS);
    }

    public ResourceLimiter limiter() {
        return limiter;
    }

    /**
     * Runs one invocation on an environment of exactly this configuration and waits for its result. An
     * on-demand init that passes Lambda's limit is stopped and re-run inside the invocation.
     */
    public InvocationResult invoke(FunctionConfiguration configuration, Invocation invocation) {
        return invoke(configuration, invocation, null);
    }

    /**
     * As {@link #invoke(FunctionConfiguration, Invocation)}, for an invoke of {@code qualifiedName}
     * ({@code function:alias} or {@code function:version}; null for $LATEST): a free provisioned environment
     * of that qualifier serves it first, with no init; beyond them, on-demand environments.
     */
    public InvocationResult invoke(FunctionConfiguration configuration, Invocation invocation, String qualifiedName) {
        ExecutionEnvironment reserved = qualifiedName == null ? null : takeProvisioned(qualifiedName, configuration);
        boolean snapStart = reserved == null && snapStart(configuration);
        ExecutionEnvironment environment = reserved != null ? reserved
                : acquire(configuration, snapStart ? StartKind.SNAP_START : StartKind.ON_DEMAND);
        try {
            if (snapStart && environment.awaitingRestore()) {
                try {
                    // Off the clock, as Lambda prepares the snapshot when the version is published.
                    environment.primed().get();
                } catch (ExecutionException e) {
                    return snapshotFailed(invocation, e.getCause());
                }
            }
            environment.invoke(invocation);
            CompletableFuture.anyOf(invocation.result(), environment.initCutOff()).get();
            if (!invocation.result().isDone() && environment.initCutOff().isDone()) {
                release(environment);
                invocation.carry(environment.initCutOff().join());
                environment = acquire(configuration, StartKind.INIT_RETRY);
                environment.invoke(invocation);
            }
            return invocation.result().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            environment.close();
            throw new IllegalStateException("Interrupted while waiting for " + configuration.functionName(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            if (environment == reserved) {
                returnProvisioned(qualifiedName, environment);
            } else {
                release(environment);
            }
        }
    }

    /**
     * Sets {@code count} provisioned environments for a qualifier (replacing any it had), as
     * PutProvisionedConcurrencyConfig does: they initialise now, in the background, with the memory share.
     */
    public void provision(String qualifiedName, FunctionConfiguration configuration, int count) {
        deprovision(qualifiedName);
        Provisioned set = new Provisioned(configuration, count);
        synchronized (this) {
            provisioned.put(qualifiedName, set);
        }
        Thread.ofVirtual().name("provision-" + qualifiedName).start(() -> {
            for (int i = 0; i < count; i++) {
                ExecutionEnvironment environment = startProvisioned(set);
                if (environment == null) {
                    return;
                }
            }
        });
    }

    private ExecutionEnvironment startProvisioned(Provisioned set) {
        long share = CpuModel.millicores(set.configuration.memorySize(), hostCores);
        long giveUpAt = System.nanoTime() + queueTimeout.toNanos();
        synchronized (this) {
            while (!closed && provisioned.containsValue(set)) {
                if (admit(share)) {
                    ExecutionEnvironment environment = start(set.configuration, StartKind.PROVISIONED, share, share);
                    busy.remove(environment);
                    set.environments.add(environment);
                    set.idle.add(environment);
                    return environment;
                }
                long waitMs = TimeUnit.NANOSECONDS.toMillis(giveUpAt - System.nanoTime());
                if (waitMs <= 0) {
                    logSink.accept("[" + set.configuration.functionName() + "] provisioned concurrency: no CPU quota left on this host");
                    return null;
                }
                try {
                    wait(Math.min(waitMs, 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return null;
        }
    }

    /** Removes a qualifier's provisioned concurrency: its environments stop (busy ones after their invoke). */
    public void deprovision(String qualifiedName) {
        Provisioned set;
        synchronized (this) {
            set = provisioned.remove(qualifiedName);
            notifyAll();
        }
        if (set != null) {
            set.idle.forEach(ExecutionEnvironment::close);
        }
    }

    public synchronized java.util.Optional<ProvisionedStatus> provisionedStatus(String qualifiedName) {
        Provisioned set = provisioned.get(qualifiedName);
        if (set == null) {
            return java.util.Optional.empty();
        }
        int allocated = (int) set.environments.stream().filter(e -> e.alive() && e.initialised()).count();
        int available = (int) set.idle.stream().filter(e -> e.alive() && e.initialised()).count();
        return java.util.Optional.of(new ProvisionedStatus(set.requested, allocated, available,
                allocated >= set.requested ? "READY" : "IN_PROGRESS", set.lastModified));
    }

    private synchronized ExecutionEnvironment takeProvisioned(String qualifiedName, FunctionConfiguration configuration) {
        Provisioned set = provisioned.get(qualifiedName);
        if (set == null || set.configuration != configuration) {
            return null;
        }
        for (ExecutionEnvironment environment : set.idle) {
            if (environment.alive() && environment.initialised()) {
                set.idle.remove(environment);
                return environment;
            }
        }
        return null;
    }

    private synchronized void returnProvisioned(String qualifiedName, ExecutionEnvironment environment) {
        Provisioned set = provisioned.get(qualifiedName);
        if (set != null && set.environments.contains(environment) && environment.alive()) {
            set.idle.add(environment);
        } else {
            environment.close();
        }
        notifyAll();
    }

    /** SnapStart applies to published versions of a function that turns it on, never to $LATEST. */
    private static boolean snapStart(FunctionConfiguration configuration) {
        return "PublishedVersions".equals(configuration.snapStartApplyOn())
                && !FunctionConfiguration.LATEST.equals(configuration.version());
    }

    /**
     * Prepares a primed environment of a SnapStart version when it is published, as Lambda takes the snapshot
     * then; the version's first cold start restores it. Later cold starts prime a new environment first, off
     * the clock, while the invoke waits: each cold start is a restore, and no priming runs in the background
     * while something else is measured.
     */
    public synchronized void prepare(FunctionConfiguration configuration) {
        if (!snapStart(configuration) || closed || count(configuration.functionName()) >= maxEnvironmentsPerFunction
                || preparing.stream().anyMatch(e -> e.configuration() == configuration)
                || idle.stream().anyMatch(e -> e.configuration() == configuration && e.awaitingRestore())) {
            return;
        }
        long share = CpuModel.millicores(configuration.memorySize(), hostCores);
        if (!admission.tryAcquire(share)) {
            return;
        }
        try {
            ExecutionEnvironment environment = start(configuration, StartKind.SNAP_START,
                    CpuModel.initBurstMillicores(configuration.memorySize(), hostCores), share);
            busy.remove(environment);
            preparing.add(environment);
            environment.primed().whenComplete((ok, failure) -> primedInBackground(environment));
        } catch (LambdaApiException e) {
            logSink.accept("[" + configuration.functionName() + "] cannot prepare a SnapStart environment: " + e.getMessage());
        }
    }

    /** A prepared environment is ready (or failed): unless an invoke has claimed it meanwhile, it waits idle. */
    private synchronized void primedInBackground(ExecutionEnvironment environment) {
        if (preparing.remove(environment)) {
            busy.add(environment);
            release(environment);
        }
    }

    private static InvocationResult snapshotFailed(Invocation invocation, Throwable cause) {
        ExecutionEnvironment.SnapshotFailure failure = cause instanceof ExecutionEnvironment.SnapshotFailure f ? f
                : new ExecutionEnvironment.SnapshotFailure(new byte[0], "Runtime.ExitError");
        byte[] body = failure.body().length > 0 ? failure.body() : ExecutionEnvironment.errorDocument(failure.errorType(),
                "The SnapStart environment could not be prepared: the runtime exited before the snapshot.");
        InvocationResult result = new InvocationResult(invocation.requestId(), body, "Unhandled", "", null);
        invocation.result().complete(result);
        return result;
    }

    private ExecutionEnvironment acquire(FunctionConfiguration configuration, StartKind kind) {
        long share = CpuModel.millicores(configuration.memorySize(), hostCores);
        long initQuota = kind == StartKind.INIT_RETRY ? share : CpuModel.initBurstMillicores(configuration.memorySize(), hostCores);
        long giveUpAt = System.nanoTime() + queueTimeout.toNanos();
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new LambdaApiException("ServiceException", 500, "The local Lambda is shutting down.");
                }
                ExecutionEnvironment warm = kind == StartKind.INIT_RETRY ? null : takeIdle(configuration);
                if (warm == null && kind == StartKind.SNAP_START) {
                    warm = claimPreparing(configuration);
                }
                if (warm != null) {
                    busy.add(warm);
                    return warm;
                }
                long provisionedHeld = provisioned.values().stream().flatMap(set -> set.environments.stream())
                        .mapToLong(ExecutionEnvironment::cpuMillicores).sum();
                if (share > admission.capacityMillicores() - provisionedHeld) {
                    // Provisioned environments keep their quota, so waiting would never help.
                    throw LambdaApiException.tooManyRequests(configuration.functionName() + " at " + configuration.memorySize()
                            + " MB needs " + share + " millicores of CPU; this host has " + admission.capacityMillicores()
                            + " and provisioned concurrency holds " + provisionedHeld + ".");
                }
                if (count(configuration.functionName()) >= maxEnvironmentsPerFunction) {
                    // The bound is on environments that can serve at once: an idle one of another version makes room.
                    stopLeastRecentlyUsedIdle(environment -> environment.configuration().functionName().equals(configuration.functionName()));
                } else if (admit(share)) {
                    // Started under the lock so that concurrent invokes count it; a JVM fork takes milliseconds.
                    return start(configuration, kind, initQuota, share);
                }
                long waitMs = TimeUnit.NANOSECONDS.toMillis(giveUpAt - System.nanoTime());
                if (waitMs <= 0) {
                    throw LambdaApiException.tooManyRequests("Rate Exceeded. No execution environment of "
                            + configuration.functionName() + " became free within " + queueTimeout.toSeconds() + " s.");
                }
                try {
                    wait(Math.min(waitMs, 1000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for an execution environment", e);
                }
            }
        }
    }

    /**
     * Reserves a new environment's memory share, stopping an idle environment (least recently used first)
     * when it is not free; false when the caller must wait. An init's burst above the share is not reserved:
     * it is short, and reserving it would make concurrent cold starts wait for each other, which they do not
     * on Lambda; concurrent inits share the host's cores instead.
     */
    private boolean admit(long share) {
        if (admission.tryAcquire(share)) {
            return true;
        }
        // Its quota returns when the exit is observed; until then wait.
        stopLeastRecentlyUsedIdle(environment -> true);
        return false;
    }

    private synchronized ExecutionEnvironment start(FunctionConfiguration configuration, StartKind kind, long initQuota, long share) {
        // Admission has reserved the share; the group starts with the init's quota.
        String name = "env-" + environmentIds.incrementAndGet();
        ResourceGroup group = null;
        try {
            group = limiter.create(name, initQuota, configuration.memorySize() * 1024L * 1024L);
            ExecutionEnvironment environment = new ExecutionEnvironment(name, configuration, kind, initQuota, share,
                    group, !limiter.throttled(), launcher, timer, shutdownGrace, logSink);
            busy.add(environment);
            environment.exit().thenRun(() -> exited(environment));
            return environment;
        } catch (IOException | RuntimeException e) {
            if (group != null) {
                group.close();
            }
            admission.release(share);
            notifyAll();
            throw new LambdaApiException("ServiceException", 500, "Cannot start an execution environment for "
                    + configuration.functionName() + ": " + e.getMessage());
        }
    }

    private synchronized void release(ExecutionEnvironment environment) {
        busy.remove(environment);
        if (!environment.alive() || closed || retired.contains(environment.configuration())) {
            environment.close();
        } else {
            idle.add(environment);
        }
        notifyAll();
    }

    /** Called exactly once per environment, when its process has exited: its CPU quota is free again. */
    private synchronized void exited(ExecutionEnvironment environment) {
        idle.remove(environment);
        busy.remove(environment);
        preparing.remove(environment);
        for (Provisioned set : provisioned.values()) {
            set.environments.remove(environment);
            set.idle.remove(environment);
        }
        admission.release(environment.cpuMillicores());
        if (busy.stream().noneMatch(other -> other.configuration() == environment.configuration())) {
            retired.remove(environment.configuration());
        }
        notifyAll();
    }

    /** Stops the matching idle environment that has waited longest; its slot and quota free up once its exit is seen. */
    private void stopLeastRecentlyUsedIdle(Predicate<ExecutionEnvironment> which) {
        idle.stream().filter(which).max(Comparator.comparingLong(ExecutionEnvironment::idleNanos)).ifPresent(victim -> {
            idle.remove(victim);
            victim.close();
        });
    }

    private ExecutionEnvironment claimPreparing(FunctionConfiguration configuration) {
        for (ExecutionEnvironment environment : preparing) {
            if (environment.configuration() == configuration && environment.alive()) {
                preparing.remove(environment);
                return environment;
            }
        }
        return null;
    }

    /** An idle environment of this configuration: a warm one first, else a primed SnapStart one (a restore). */
    private ExecutionEnvironment takeIdle(FunctionConfiguration configuration) {
        for (boolean restore : new boolean[] {false, true}) {
            for (int i = idle.size() - 1; i >= 0; i--) {
                ExecutionEnvironment environment = idle.get(i);
                if (environment.configuration() == configuration && environment.alive() && environment.awaitingRestore() == restore) {
                    return idle.remove(i);
                }
            }
        }
        return null;
    }

    private int count(String functionName) {
        int count = 0;
        for (List<ExecutionEnvironment> list : List.of(idle, busy, preparing)) {
            for (ExecutionEnvironment environment : list) {
                if (environment.configuration().functionName().equals(functionName)) {
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Retires the environments of matching configurations, as Lambda does after a configuration change:
     * idle ones stop now, busy ones finish their invocation first.
     */
    public synchronized void retire(Predicate<FunctionConfiguration> which) {
        preparing.removeIf(environment -> {
            if (which.test(environment.configuration())) {
                environment.close();
                return true;
            }
            return false;
        });
        idle.removeIf(environment -> {
            if (which.test(environment.configuration())) {
                environment.close();
                return true;
            }
            return false;
        });
        for (ExecutionEnvironment environment : busy) {
            if (which.test(environment.configuration())) {
                retired.add(environment.configuration());
            }
        }
    }

    private void reapIdle() {
        List<ExecutionEnvironment> expired = new ArrayList<>();
        synchronized (this) {
            idle.removeIf(environment -> {
                if (environment.idleNanos() > idleTimeout.toNanos() || !environment.alive()) {
                    expired.add(environment);
                    return true;
                }
                return false;
            });
        }
        expired.forEach(ExecutionEnvironment::close);
    }

    public synchronized int liveEnvironments() {
        return idle.size() + busy.size() + preparing.size();
    }

    public long heldMillicores() {
        return admission.heldMillicores();
    }

    @Override
    public void close() {
        List<ExecutionEnvironment> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(idle);
            all.addAll(busy);
            all.addAll(preparing);
            provisioned.values().forEach(set -> all.addAll(set.environments));
            notifyAll();
        }
        for (ExecutionEnvironment environment : all) {
            environment.close();
        }
        for (ExecutionEnvironment environment : all) {
            waitForExit(environment);
        }
        timer.shutdownNow();
        limiter.close();
    }

    private void waitForExit(ExecutionEnvironment environment) {
        try {
            environment.exit().get(shutdownGrace.toMillis() + 5000, TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // Past its grace it was killed with SIGKILL; it is gone or about to be.
            environment.kill();
        }
    }
}
