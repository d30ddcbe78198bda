package dev.coldbrew.runtime;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda takes the snapshot of an initialized function, run its exemplar event
 * through the handler so that the classes, JIT profiles and SDK/HTTP machinery the first real request needs
 * are already loaded and initialized in the snapshot.
 *
 * <p>Hooks run only when Lambda takes a snapshot; elsewhere registering one costs a few microseconds and
 * nothing runs.
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
