package dev.coldbrew.tuner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.io.PrintWriter;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * Tunes several functions, {@code concurrency} at a time, showing one {@link Progress}. A shutdown hook restores
 * every function that is still being tuned when the JVM is asked to stop (SIGINT, SIGTERM).
 */
public final class Tuner {
    private final LambdaClient lambda;
    private final TuningPlan plan;
    private final FunctionTuner.PricingChoice pricing;
    private final int concurrency;
    private final Progress.Style progressStyle;
    private final PrintWriter progressOutput;
    private final List<TuningSession> openSessions = new CopyOnWriteArrayList<>();

    public Tuner(LambdaClient lambda, TuningPlan plan, Pricing.Architecture architecture, String region,
                 int concurrency, Progress.Style progressStyle, PrintWriter progressOutput) {
        this.lambda = lambda;
        this.plan = plan;
        this.pricing = new FunctionTuner.PricingChoice(architecture, region);
        this.concurrency = Math.max(1, concurrency);
        this.progressStyle = progressStyle;
        this.progressOutput = progressOutput;
    }

    public List<FunctionReport> run(List<FunctionTarget> targets) {
        Thread restoreOnExit = new Thread(this::restoreAll, "coldbrew-tuner-restore");
        Runtime.getRuntime().addShutdownHook(restoreOnExit);
        long total = (long) targets.size() * plan.powers().size() * plan.invocationsPerPower();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(concurrency, targets.size()));
        boolean open = plan.adaptive() || plan.numAuto();
        try (Progress progress = Progress.open(progressStyle, progressOutput, total, open ? 0 : targets.size() * plan.powers().size())) {
            FunctionTuner tuner = new FunctionTuner(lambda, plan, progress);
            List<Future<FunctionReport>> futures = new ArrayList<>();
            for (FunctionTarget target : targets) {
                futures.add(pool.submit(() -> tuner.tune(target, pricing, openSessions::add)));
            }
            List<FunctionReport> reports = new ArrayList<>();
            for (Future<FunctionReport> f : futures) {
                reports.add(f.get());
            }
            return reports;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            restoreAll();
            throw new IllegalStateException("Tuning interrupted; functions restored.");
        } catch (ExecutionException e) {
            restoreAll();
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(restoreOnExit);
            } catch (IllegalStateException alreadyShuttingDown) {
                // The hook is running or has run: it does the restore.
            }
        }
    }

    /** Restores every function still being tuned; safe to call from any thread, more than once. */
    public void restoreAll() {
        List<Thread> restores = new ArrayList<>();
        for (TuningSession session : openSessions) {
            Thread t = new Thread(() -> {
                for (String problem : session.restore()) {
                    System.err.println(problem);
                }
            });
            t.start();
            restores.add(t);
        }
        for (Thread t : restores) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
