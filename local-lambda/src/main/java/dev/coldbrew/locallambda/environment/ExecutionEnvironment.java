package dev.coldbrew.locallambda.environment;

import dev.coldbrew.locallambda.cgroup.ResourceGroup;
import dev.coldbrew.lambda.function.CpuModel;
import dev.coldbrew.lambda.function.FunctionConfiguration;
import dev.coldbrew.lambda.report.ReportLine;
import dev.coldbrew.runtime.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One execution environment: a child JVM running the runtime interface client against its own Runtime API
 * server, bound to one function configuration. It serves one invocation at a time and ends on timeout,
 * crash or retirement; whoever completes an invocation first (response, error, timeout, exit) wins.
 */
public final class ExecutionEnvironment implements AutoCloseable {
    /** Lambda's limit for the init phase of on-demand environments. */
    static final long INIT_LIMIT_MS = CpuModel.INIT_BURST_SECONDS * 1000L;

    private final String name;
    private final FunctionConfiguration configuration;
    private final StartKind kind;
    private final long shareMillicores;
    private final long initMillicores;
    private final CompletableFuture<String> initCutOff = new CompletableFuture<>();
    /** SnapStart: completes when the runtime waits on restore/next, or with the init error that stopped it. */
    private final CompletableFuture<Void> primed = new CompletableFuture<>();
    private final CountDownLatch restoreRelease = new CountDownLatch(1);
    private long restoreStartNanos;
    private Double restoreDurationMs;

    private final ResourceGroup group;
    private final boolean unthrottled;
    private final Consumer<String> logSink;
    private final ScheduledExecutorService timer;
    private final RuntimeApiServer runtimeApi;
    private final LinkedBlockingQueue<Invocation> handoff = new LinkedBlockingQueue<>();
    /** When the runtime started; an image function's sandbox moves it to the moment it runs the entrypoint. */
    private volatile long startNanos = System.nanoTime();
    private final Process process;
    private final Runnable afterExit;
    private final Thread logPump;
    private final Duration shutdownGrace;
    private final CompletableFuture<Void> exit;

    private final StringBuilder initLog = new StringBuilder();
    private Invocation current;
    private StringBuilder currentLog;
    private long submittedNanos;
    private long invokeStartNanos;
    private long deadlineEpochMs;
    private Double initDurationMs;
    private boolean initReported;
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> initLimit;
    private Posted posted;
    private volatile boolean alive = true;
    private volatile long lastUsedNanos = System.nanoTime();
    private volatile long lastOutputNanos;

    /**
     * @param initMillicores  the CPU quota the group was created with, until the init ends
     * @param shareMillicores the memory share: the quota from the first invoke on, and what admission reserves
     * @param shutdownGrace   how long {@link #close()} lets the runtime exit after SIGTERM; zero kills at once
     */
    ExecutionEnvironment(String name, FunctionConfiguration configuration, StartKind kind, long initMillicores,
                         long shareMillicores, ResourceGroup group,
                         boolean unthrottled, EnvironmentLauncher launcher, ScheduledExecutorService timer,
                         Duration shutdownGrace, Consumer<String> logSink) throws IOException {
        this.name = name;
        this.configuration = configuration;
        this.kind = kind;
        this.initMillicores = initMillicores;
        this.shareMillicores = shareMillicores;
        this.group = group;
        this.unthrottled = unthrottled;
        this.timer = timer;
        this.shutdownGrace = shutdownGrace;
        this.logSink = logSink;
        this.runtimeApi = new RuntimeApiServer(new RuntimeListener());
        EnvironmentLauncher.Launch launch = null;
        try {
            launch = launcher.launch(configuration, kind, runtimeApi.address(), name);
            ProcessBuilder builder = new ProcessBuilder(group.wrap(launch.command()))
                    .directory(launch.directory().toFile())
                    .redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(launch.environment());
            this.process = builder.start();
        } catch (IOException | RuntimeException e) {
            runtimeApi.close();
            if (launch != null) {
                launch.afterExit().run();
            }
            throw e;
        }
        this.afterExit = launch.afterExit();
        this.logPump = Thread.ofVirtual().name(name + "-log").start(this::pumpLog);
        this.exit = process.onExit().thenRun(this::exited);
        if (kind == StartKind.ON_DEMAND) {
            initLimit = timer.schedule(this::cutOffInit, INIT_LIMIT_MS, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Completes, with the INIT_REPORT line Lambda logs, when this on-demand environment's init passed the limit
     * and was stopped; the invoke it was started for then re-runs the init in a new environment.
     */
    public CompletableFuture<String> initCutOff() {
        return initCutOff;
    }

    /** SnapStart: completes once this environment is primed and waits to be restored. */
    public CompletableFuture<Void> primed() {
        return primed;
    }

    /** Whether the init is over (the runtime has asked for its first event or to be restored). */
    public synchronized boolean initialised() {
        return initDurationMs != null;
    }

    /** A SnapStart environment that has not been restored yet: its next invoke is a restore. */
    public synchronized boolean awaitingRestore() {
        return kind == StartKind.SNAP_START && !initReported;
    }

    private void cutOffInit() {
        synchronized (this) {
            if (initDurationMs != null) {
                return;
            }
            alive = false;
        }
        String line = String.format(Locale.ROOT, "INIT_REPORT Init Duration: %.2f ms\tPhase: init\tStatus: timeout", (double) INIT_LIMIT_MS);
        logSink.accept("[" + configuration.functionName() + "] " + line);
        initCutOff.complete(initLog + line + "\n");
        process.destroyForcibly();
    }

    /** The init is over (the runtime's first /next): the burst ends and the memory share applies. */
    private void endInit() {
        if (initLimit != null) {
            initLimit.cancel(false);
        }
        if (initMillicores > shareMillicores) {
            try {
                group.setCpu(shareMillicores);
            } catch (IOException e) {
                logSink.accept("[" + configuration.functionName() + "] cannot lower the CPU quota after init: " + e.getMessage());
            }
        }
    }

    /** Completes once the process has exited and the environment has cleaned up after it. */
    public CompletableFuture<Void> exit() {
        return exit;
    }

    public FunctionConfiguration configuration() {
        return configuration;
    }

    /** The CPU admission reserves for this environment: its memory share. */
    public long cpuMillicores() {
        return shareMillicores;
    }

    public boolean alive() {
        return alive;
    }

    public long idleNanos() {
        return System.nanoTime() - lastUsedNanos;
    }

    public long pid() {
        return process.pid();
    }

    /** Hands the invocation to the runtime; the result completes when the runtime answers or the environment fails. */
    void invoke(Invocation invocation) {
        synchronized (this) {
            current = invocation;
            submittedNanos = System.nanoTime();
            if (kind == StartKind.SNAP_START && !initReported) {
                // A cold start of a SnapStart version: the restore, then the invoke.
                currentLog = new StringBuilder();
                restoreStartNanos = submittedNanos;
                watchdog = timer.schedule(() -> timeout(invocation),
                        INIT_LIMIT_MS + configuration.timeout() * 1000L, TimeUnit.MILLISECONDS);
                restoreRelease.countDown();
            } else if (kind == StartKind.INIT_RETRY && !initReported) {
                // The retried init belongs to this invoke: its log, its duration and its timeout.
                currentLog = new StringBuilder(invocation.carriedLog()).append(initLog);
                watchdog = timer.schedule(() -> timeout(invocation), configuration.timeout() * 1000L, TimeUnit.MILLISECONDS);
            } else {
                currentLog = new StringBuilder();
            }
        }
        handoff.add(invocation);
        // A runtime that exited before it had an invocation (an entrypoint that fails at once) had no one to tell;
        // it tells this one. One that exits later finds this invocation current.
        if (!process.isAlive()) {
            reportExit(invocation);
        }
    }

    private final class RuntimeListener implements RuntimeApiServer.Listener {
        @Override
        public Invocation next() throws InterruptedException {
            // Asking for the next event is how the runtime says the previous invocation is over, or, the
            // first time, that the init is.
            completePosted();
            boolean firstNext;
            synchronized (ExecutionEnvironment.this) {
                firstNext = initDurationMs == null;
                if (firstNext) {
                    initDurationMs = (System.nanoTime() - startNanos) / 1e6;
                }
            }
            if (firstNext) {
                endInit();
            }
            Invocation invocation = handoff.take();
            synchronized (ExecutionEnvironment.this) {
                long now = System.nanoTime();
                if (restoreStartNanos > 0 && restoreDurationMs == null) {
                    restoreDurationMs = (now - restoreStartNanos) / 1e6;
                }
                boolean retriedInit = kind == StartKind.INIT_RETRY && !initReported;
                if (watchdog != null && !retriedInit) {
                    watchdog.cancel(false);
                }
                invokeStartNanos = now;
                long budgetMs = configuration.timeout() * 1000L - (retriedInit ? (now - submittedNanos) / 1_000_000 : 0);
                deadlineEpochMs = System.currentTimeMillis() + budgetMs;
                appendLog(ReportLine.start(invocation.requestId(), configuration.version()));
                if (!retriedInit) {
                    watchdog = timer.schedule(() -> timeout(invocation), budgetMs, TimeUnit.MILLISECONDS);
                }
            }
            return invocation;
        }

        @Override
        public String deadlineMs(Invocation invocation) {
            synchronized (ExecutionEnvironment.this) {
                return String.valueOf(deadlineEpochMs);
            }
        }

        @Override
        public void response(String requestId, byte[] body) {
            post(requestId, body, null);
        }

        @Override
        public void error(String requestId, byte[] body, String errorType) {
            if (endsRuntime(body)) {
                alive = false;
            }
            post(requestId, body, "Unhandled");
        }

        @Override
        public void restoreNext() throws InterruptedException {
            synchronized (ExecutionEnvironment.this) {
                initDurationMs = (System.nanoTime() - startNanos) / 1e6;
            }
            endInit();
            primed.complete(null);
            restoreRelease.await();
        }

        @Override
        public void restoreError(byte[] body, String errorType) {
            Invocation invocation;
            synchronized (ExecutionEnvironment.this) {
                invocation = current;
            }
            // The runtime exits after reporting an after-restore hook's failure.
            alive = false;
            if (invocation != null) {
                finish(invocation.requestId(), body, "Unhandled", "error", errorType != null ? errorType : "Runtime.AfterRestoreError");
            }
        }

        @Override
        public void initError(byte[] body, String errorType) {
            Invocation invocation;
            synchronized (ExecutionEnvironment.this) {
                invocation = current;
            }
            // The runtime exits after reporting; never hand this environment another invocation.
            alive = false;
            primed.completeExceptionally(new SnapshotFailure(body, errorType));
            if (invocation != null) {
                finish(invocation.requestId(), body, "Unhandled", "error", errorType != null ? errorType : "Runtime.InitError");
            }
        }
    }

    /** A response or error the runtime has posted for the current invocation, delivered when it asks for more. */
    private record Posted(String requestId, byte[] payload, String functionError) {
    }

    private synchronized void post(String requestId, byte[] payload, String functionError) {
        if (current != null && current.requestId().equals(requestId) && posted == null) {
            posted = new Posted(requestId, payload, functionError);
        }
    }

    /** Completes the current invocation with what the runtime posted, if it posted anything; true if so. */
    private boolean completePosted() {
        Posted answer;
        synchronized (this) {
            answer = posted;
        }
        if (answer == null) {
            return false;
        }
        awaitLogDrain();
        return finish(answer.requestId(), answer.payload(), answer.functionError(), null, null);
    }

    /**
     * Output the runtime wrote just before asking for more belongs to this invocation: wait (briefly) until the
     * log pump has been quiet for a moment so those lines land in this invocation's log.
     */
    private void awaitLogDrain() {
        try {
            Thread.sleep(1);
            for (int waited = 0; waited < 20 && System.nanoTime() - lastOutputNanos < 2_000_000; waited++) {
                Thread.sleep(1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of a runtime that exited say why; they belong in the invocation's log. */
    private void awaitLogEnd() {
        try {
            logPump.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The runtime client exits after reporting a VirtualMachineError or IOError (out of memory, stack overflow). */
    private static boolean endsRuntime(byte[] errorBody) {
        String body = new String(errorBody, StandardCharsets.UTF_8);
        return body.contains("\"java.lang.OutOfMemoryError\"") || body.contains("\"java.lang.StackOverflowError\"")
                || body.contains("\"java.lang.InternalError\"") || body.contains("\"java.io.IOError\"");
    }

    private void timeout(Invocation invocation) {
        if (completePosted()) {
            // Answered, but never asked for the next event: the runtime is stuck, replace the environment.
            kill();
            return;
        }
        double limit = configuration.timeout();
        String message = String.format(Locale.ROOT, "RequestId: %s Error: Task timed out after %.2f seconds",
                invocation.requestId(), limit);
        boolean wasAlive = alive;
        alive = false;
        if (finish(invocation.requestId(), errorDocument("Sandbox.Timedout", message), "Unhandled", "timeout", null)) {
            logSink.accept("[" + configuration.functionName() + "] " + message);
            kill();
        } else {
            alive = wasAlive;
        }
    }

    private void exited() {
        alive = false;
        Invocation invocation;
        synchronized (this) {
            invocation = current;
        }
        if (initLimit != null) {
            initLimit.cancel(false);
        }
        primed.completeExceptionally(new SnapshotFailure(new byte[0], "Runtime.ExitError"));
        if (invocation != null) {
            reportExit(invocation);
        }
        runtimeApi.close();
        group.close();
        try {
            afterExit.run();
        } catch (RuntimeException e) {
            logSink.accept("[" + configuration.functionName() + "] " + e.getMessage());
        }
    }

    /** The runtime has exited: the invocation it was given fails with Lambda's Runtime.ExitError, unless it was answered. */
    private void reportExit(Invocation invocation) {
        if (!invocation.result().isDone() && !initCutOff.isDone() && !completePosted()) {
            awaitLogEnd();
            int code = process.exitValue();
            // The JDK reports death by signal N as 128 + N; real signals are 1-64, so 255 is exit status 255.
            String reason = code > 128 && code <= 128 + 64 ? "signal: " + signalName(code - 128) : "exit status " + code;
            String message = "RequestId: " + invocation.requestId() + " Error: Runtime exited with error: " + reason;
            finish(invocation.requestId(), errorDocument("Runtime.ExitError", message), "Unhandled", "error", "Runtime.ExitError");
        }
    }

    /** Completes the current invocation once; false if it was already completed or is not current. */
    private boolean finish(String requestId, byte[] payload, String functionError, String status, String errorType) {
        Invocation invocation;
        InvocationResult result;
        synchronized (this) {
            invocation = current;
            if (invocation == null || !invocation.requestId().equals(requestId) || invocation.result().isDone()) {
                return false;
            }
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            long now = System.nanoTime();
            boolean retriedInit = kind == StartKind.INIT_RETRY && !initReported;
            boolean restored = kind == StartKind.SNAP_START && !initReported;
            double durationMs = ((invokeStartNanos > submittedNanos && !retriedInit ? now - invokeStartNanos : now - submittedNanos)) / 1e6;
            double init = 0;
            if (!initReported) {
                initReported = true;
                if (kind == StartKind.ON_DEMAND) {
                    init = initDurationMs != null ? initDurationMs : (now - startNanos) / 1e6;
                }
            }
            ReportLine report = ReportLine.measured(requestId, durationMs, configuration.memorySize(), maxMemoryUsedMb(), init)
                    .failed(status, errorType).markedUnthrottled(unthrottled);
            if (restored) {
                // No snapshot is loaded here, so all of the restore is the runtime's own work, which Lambda bills.
                double restore = restoreDurationMs != null ? restoreDurationMs : (now - restoreStartNanos) / 1e6;
                report = report.restored(restore, (long) Math.ceil(restore));
            }
            appendLog(ReportLine.end(requestId));
            appendLog(report.text());
            // An on-demand init's output belongs to its first invoke; a SnapStart init's to the version's creation.
            String log = (kind == StartKind.ON_DEMAND && init > 0 ? initLog.toString() : "") + currentLog;
            result = new InvocationResult(requestId, payload, functionError, log, report);
            current = null;
            currentLog = null;
            posted = null;
            lastUsedNanos = System.nanoTime();
        }
        invocation.result().complete(result);
        return true;
    }

    private long maxMemoryUsedMb() {
        // Lambda charges every page to the microVM; here shared JDK files may be charged to another cgroup,
        // so the process's own peak resident set is taken when it is higher.
        long bytes = Math.max(group.peakMemoryBytes().orElse(0), processHighWaterMark());
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /** VmHWM of the JVM process: its peak resident set, in bytes. */
    private long processHighWaterMark() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // The process is gone; the report says 0 MB rather than guessing.
        }
        return 0;
    }

    private void pumpLog() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lastOutputNanos = System.nanoTime();
                if (line.equals(ImageSandbox.ENTRYPOINT_MARKER)) {
                    // The mounts before it are this emulator's way to run an image, not part of Lambda's INIT.
                    startNanos = lastOutputNanos;
                    continue;
                }
                synchronized (this) {
                    if (currentLog != null) {
                        currentLog.append(line).append('\n');
                    } else if (!initReported) {
                        initLog.append(line).append('\n');
                    }
                }
                if (!line.isBlank()) {
                    logSink.accept("[" + configuration.functionName() + "] " + line);
                }
            }
        } catch (IOException ignored) {
            // The process closed its output: it has exited.
        }
    }

    private void appendLog(String line) {
        if (currentLog != null) {
            currentLog.append(line).append('\n');
        }
        logSink.accept("[" + configuration.functionName() + "] " + line);
    }

    static byte[] errorDocument(String errorType, String message) {
        return Json.write(Map.of("errorType", errorType, "errorMessage", message));
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 9 -> "killed";
            case 15 -> "terminated";
            case 6 -> "aborted";
            case 11 -> "segmentation fault";
            default -> "signal " + signal;
        };
    }

    @Override
    public String toString() {
        return name + " " + configuration.functionName() + ":" + configuration.version() + " (" + configuration.memorySize() + " MB)";
    }

    /**
     * Stops the runtime; cleanup runs when the exit is observed. By default it is killed at once, as Lambda stops a
     * runtime without extensions; with a shutdown grace it gets SIGTERM and is killed when the grace has passed, so
     * that a JVM can run its shutdown hooks (a training run writes its AOT cache then).
     */
    @Override
    public void close() {
        alive = false;
        if (shutdownGrace.isZero() || shutdownGrace.isNegative()) {
            process.destroyForcibly();
            return;
        }
        // SIGTERM through the handle: Process.destroy() would also close our end of the runtime's output, and a
        // JVM writing its AOT cache at exit (its assembly step is a child printing to that output) dies of SIGPIPE.
        process.toHandle().destroy();
        try {
            timer.schedule(process::destroyForcibly, shutdownGrace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            process.destroyForcibly();
        }
    }

    /** Kills the runtime at once, whatever the grace: it timed out or stopped answering. */
    void kill() {
        alive = false;
        process.destroyForcibly();
    }

    /** The init (or a before-checkpoint hook) of a SnapStart environment failed: the runtime's error report. */
    public static final class SnapshotFailure extends RuntimeException {
        private final byte[] body;
        private final String errorType;

        SnapshotFailure(byte[] body, String errorType) {
            super(errorType);
            this.body = body;
            this.errorType = errorType;
        }

        public byte[] body() {
            return body;
        }

        public String errorType() {
            return errorType;
        }
    }
}
