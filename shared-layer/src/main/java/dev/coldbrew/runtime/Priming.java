package dev.coldbrew.runtime;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Exemplar priming: run the function's exemplar event through its handler before the first real request,
 * so that the classes, compiled code and SDK/HTTP machinery that request needs are already loaded.
 *
 * <ul>
 *   <li>SnapStart: a CRaC hook primes just before Lambda takes the snapshot. Registering the hook costs a few
 *       microseconds; elsewhere it never runs.</li>
 *   <li>On-demand and provisioned-concurrency starts: {@link #duringInit} primes at the end of the
 *       handler's construction, inside INIT. On-demand INIT runs with a CPU burst (about two vCPUs for up to
 *       10 s, whatever the memory size) while the first invoke gets only the memory share, so the same work
 *       costs less there; a provisioned environment's INIT is off the request path altogether.</li>
 * </ul>
 */
public final class Priming {
    /** The CRaC runtime holds resources weakly; without this list they could be collected before checkpoint. */
    private static final List<Resource> HELD = new CopyOnWriteArrayList<>();

    private Priming() {
    }

    static void registerForSnapshot(JsonHandler<?, ?> handler) {
        Exemplar.of(handler.getClass()).ifPresent(exemplar -> {
            Resource resource = new ExemplarPrimer(handler, exemplar);
            HELD.add(resource);
            Core.getGlobalContext().register(resource);
        });
    }

    /** {@code AWS_LAMBDA_INITIALIZATION_TYPE} of a SnapStart init, whose priming is the snapshot hook's. */
    static final String SNAP_START = "snap-start";
    /** Set to {@code off} to skip priming during INIT (e.g. while measuring the unprimed first invoke). */
    public static final String INIT_PRIMING_VARIABLE = "COLDBREW_INIT_PRIMING";
    /** INIT must end within Lambda's 10 s limit whatever the exemplar's downstream calls do. */
    static final long INIT_PRIMING_BUDGET_MS = 5_000;

    /**
     * Primes the handler with its exemplar now, if this is an on-demand or provisioned-concurrency INIT on
     * Lambda. Never throws: a failure or a run beyond the budget is logged and INIT goes on (a run cut off by
     * the budget finishes in the background).
     *
     * @return whether the exemplar ran to completion
     */
    static boolean duringInit(JsonHandler<?, ?> handler) {
        return duringInit(handler, System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"),
                System.getenv(INIT_PRIMING_VARIABLE), INIT_PRIMING_BUDGET_MS);
    }

    static boolean duringInit(JsonHandler<?, ?> handler, String initializationType, String setting, long budgetMillis) {
        if (initializationType == null || initializationType.equals(SNAP_START) || "off".equalsIgnoreCase(setting)) {
            return false;
        }
        Optional<Exemplar> exemplar = Exemplar.of(handler.getClass());
        if (exemplar.isEmpty()) {
            return false;
        }
        String name = handler.getClass().getName();
        FutureTask<byte[]> run = new FutureTask<>(() -> exemplar.get().runOn(handler, new PrimingContext("init-priming", budgetMillis)));
        Thread thread = new Thread(run, "coldbrew-init-priming");
        thread.setDaemon(true);
        thread.start();
        try {
            run.get(budgetMillis, TimeUnit.MILLISECONDS);
            return true; // silent: a healthy cold start logs nothing but Lambda's own lines
        } catch (TimeoutException e) {
            System.err.printf("coldbrew: priming %s during init passed its %d ms budget; init goes on%n", name, budgetMillis);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NotFoundException) {
                // The exemplar's item need not exist in every stage's data; the request path ran all the same.
                return true;
            }
            System.err.println("coldbrew: priming " + name + " during init failed, first request runs unprimed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Number of primers registered in this process (for tests and diagnostics). */
    public static int registeredCount() {
        return HELD.size();
    }

    /** Runs every registered primer now, as the runtime would before a checkpoint. */
    public static void runAllNow() throws Exception {
        for (Resource resource : HELD) {
            resource.beforeCheckpoint(null);
        }
    }

    private record ExemplarPrimer(JsonHandler<?, ?> handler, Exemplar exemplar) implements Resource {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            long start = System.nanoTime();
            try {
                exemplar.runOn(handler, new PrimingContext("snapstart-priming", 10_000));
                System.err.printf("coldbrew: primed %s with its exemplar in %d ms%n",
                        handler.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
            } catch (Exception e) {
                // Priming is an optimisation: a failure must not block the snapshot (and the deploy).
                System.err.println("coldbrew: priming " + handler.getClass().getSimpleName() + " failed, snapshot taken unprimed: " + e);
            }
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            // Nothing to refresh: SDK clients re-resolve credentials and reconnect on their own.
        }
    }
}
