package dev.coldbrew.tuner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.Environment;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Every change the tuner makes to one function, and the undo of all of them. Configuration changes,
 * versions and aliases go through this object under one lock; once {@link #restore()} has run (at the end,
 * after a failure, or from the shutdown hook on SIGINT/SIGTERM) no further change is accepted, so a worker
 * thread cannot leave anything behind after the cleanup.
 */
final class TuningSession {
    static final String ALIAS_PREFIX = "coldbrew-tune-";
    /** Changing this variable forces a new version and retires warm environments (a cold next start). */
    static final String MARKER_VARIABLE = "COLDBREW_TUNING";
    private static final Duration WAIT_LIMIT = Duration.ofMinutes(5);

    private final LambdaClient lambda;
    private final String function;
    private final int originalMemory;
    private final Map<String, String> originalEnvironment;
    private final String architecture;
    private final boolean image;
    private final Set<String> preExistingVersions = new LinkedHashSet<>();
    private final Set<String> createdVersions = new LinkedHashSet<>();
    private final Set<String> createdAliases = new LinkedHashSet<>();
    private final List<String> cleanupProblems = new ArrayList<>();
    private boolean closed;
    private boolean changed;

    TuningSession(LambdaClient lambda, String function) {
        this.lambda = lambda;
        this.function = function;
        GetFunctionConfigurationResponse config = Retry.retrying(() ->
                lambda.getFunctionConfiguration(r -> r.functionName(function)));
        this.originalMemory = config.memorySize();
        this.originalEnvironment = config.environment() == null || config.environment().variables() == null
                ? Map.of() : Map.copyOf(config.environment().variables());
        this.image = "Image".equals(config.packageTypeAsString());
        this.architecture = config.hasArchitectures() && !config.architectures().isEmpty()
                ? config.architecturesAsStrings().get(0) : "x86_64";
        lambda.listVersionsByFunctionPaginator(r -> r.functionName(function)).versions()
                .forEach(v -> preExistingVersions.add(v.version()));
    }

    int originalMemory() {
        return originalMemory;
    }

    String architecture() {
        return architecture;
    }

    /** A container image function (SnapStart takes zip functions only). */
    boolean image() {
        return image;
    }

    /**
     * Sets $LATEST to {@code memoryMb} with a fresh marker, so its next invoke starts a new environment on demand:
     * SnapStart never applies to $LATEST, so this measures a SnapStart function's plain INIT too. Returns the
     * qualifier to invoke.
     */
    String prepareLatest(int memoryMb, String marker) {
        synchronized (this) {
            updateLatest(memoryMb, marker);
        }
        awaitUpdated(null);
        return "$LATEST";
    }

    /** $LATEST at {@code memoryMb} with the original environment plus a fresh marker; the caller holds the lock. */
    private void updateLatest(int memoryMb, String marker) {
        Map<String, String> variables = new HashMap<>(originalEnvironment);
        variables.put(MARKER_VARIABLE, marker);
        ensureOpen();
        changed = true;
        Retry.retrying(() -> lambda.updateFunctionConfiguration(r -> r.functionName(function).memorySize(memoryMb)
                .environment(Environment.builder().variables(variables).build())));
    }

    /**
     * Sets $LATEST to {@code memoryMb} with a fresh marker, publishes a version and points the tuner's alias
     * for {@code aliasSuffix} at it. Returns the alias name to invoke.
     */
    String prepare(int memoryMb, String marker, String aliasSuffix) {
        String version;
        synchronized (this) {
            updateLatest(memoryMb, marker);
            awaitUpdated(null);
            ensureOpen();
            version = Retry.retrying(() -> lambda.publishVersion(r -> r.functionName(function)
                    .description("coldbrew tuning " + memoryMb + " MB"))).version();
            if (!preExistingVersions.contains(version)) {
                createdVersions.add(version);
            }
            String alias = ALIAS_PREFIX + aliasSuffix;
            try {
                Retry.retrying(() -> lambda.createAlias(r -> r.functionName(function).name(alias).functionVersion(version)));
            } catch (ResourceConflictException exists) {
                Retry.retrying(() -> lambda.updateAlias(r -> r.functionName(function).name(alias).functionVersion(version)));
            }
            createdAliases.add(alias);
        }
        awaitUpdated(version);
        return ALIAS_PREFIX + aliasSuffix;
    }

    /**
     * Puts back the original memory and environment, then deletes every alias and version this session
     * created. Safe to call more than once and from any thread; problems are collected, not thrown.
     */
    synchronized List<String> restore() {
        if (closed) {
            return cleanupProblems;
        }
        closed = true;
        if (changed) {
            attempt("restore the configuration", () -> {
                Retry.retrying(() -> lambda.updateFunctionConfiguration(r -> r.functionName(function)
                        .memorySize(originalMemory)
                        .environment(Environment.builder().variables(originalEnvironment).build())));
                awaitUpdated(null);
            });
        }
        for (String alias : createdAliases) {
            attempt("delete alias " + alias, () -> ignoringNotFound(() ->
                    lambda.deleteAlias(r -> r.functionName(function).name(alias))));
        }
        for (String version : createdVersions) {
            attempt("delete version " + version, () -> ignoringNotFound(() ->
                    lambda.deleteFunction(r -> r.functionName(function).qualifier(version))));
        }
        return cleanupProblems;
    }

    synchronized boolean closed() {
        return closed;
    }

    private void ensureOpen() {
        if (closed) {
            throw new CancelledException();
        }
    }

    /** Waits until the last update of $LATEST (version null) or a new version is done. */
    private void awaitUpdated(String version) {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (true) {
            GetFunctionConfigurationResponse c = Retry.retrying(() -> lambda.getFunctionConfiguration(r -> {
                r.functionName(function);
                if (version != null) {
                    r.qualifier(version);
                }
            }));
            boolean updating = c.lastUpdateStatus() == LastUpdateStatus.IN_PROGRESS;
            boolean pending = c.state() == State.PENDING;
            if (c.state() == State.FAILED || c.lastUpdateStatus() == LastUpdateStatus.FAILED) {
                throw new IllegalStateException(function + (version == null ? "" : ":" + version)
                        + " failed to update: " + c.stateReason() + " " + c.lastUpdateStatusReason());
            }
            if (!updating && !pending) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(function + " is still updating after " + WAIT_LIMIT.toMinutes() + " minutes.");
            }
            Retry.sleep(250);
        }
    }

    private void attempt(String what, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            cleanupProblems.add("Could not " + what + " of " + function + ": " + e.getMessage());
        }
    }

    private static void ignoringNotFound(Runnable action) {
        try {
            action.run();
        } catch (ResourceNotFoundException gone) {
            // Already gone: the goal of the cleanup is met.
        }
    }

    /** Thrown into worker threads once the session has been restored (run interrupted). */
    static final class CancelledException extends RuntimeException {
        CancelledException() {
            super("tuning cancelled", null, false, false);
        }
    }
}
