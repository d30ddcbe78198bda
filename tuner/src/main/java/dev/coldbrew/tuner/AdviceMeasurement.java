package dev.coldbrew.tuner;

import dev.coldbrew.tuner.advice.FunctionFigures;
import dev.coldbrew.tuner.advice.SnapStartDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The figures the advisor needs for one function, measured at its configured memory size after tuning: three
 * on-demand cold starts on $LATEST (a new environment each, SnapStart or not) and warm calls on the last of those
 * environments. SnapStart's restore comes from the tuning run when it ran on AWS with SnapStart on, else from
 * {@code --snapstart-restore-ms}, else from {@link SnapStartDefaults} as an estimate; the first invoke after a
 * restore comes from the tuning run when the function has SnapStart, else it is taken to be the on-demand first
 * invoke (an estimate: both follow the same priming).
 */
final class AdviceMeasurement {
    static final int COLD_STARTS = 3;
    static final int WARM_CALLS = 8;

    /** The figures, or why there are none. */
    record Outcome(FunctionFigures figures, String failure) {
    }

    private final LambdaClient lambda;
    private final FunctionTuner tuner;
    private final boolean onAws;
    private final Double restoreMsOption;

    AdviceMeasurement(LambdaClient lambda, FunctionTuner tuner, boolean onAws, Double restoreMsOption) {
        this.lambda = lambda;
        this.tuner = tuner;
        this.onAws = onAws;
        this.restoreMsOption = restoreMsOption;
    }

    Outcome measure(FunctionReport tuned) {
        FunctionTarget target = tuned.target();
        TuningSession session = new TuningSession(lambda, target.functionName());
        List<Invocation> calls = new ArrayList<>();
        // The configured memory: $LATEST's, or with a qualifier that of the version it names.
        int memory = tuned.originalMemory();
        try {
            String runId = Long.toString(System.currentTimeMillis(), 36);
            for (int i = 0; i < COLD_STARTS; i++) {
                String qualifier = session.prepareLatest(memory, "advise-" + runId + "-" + i);
                int callsNow = i == COLD_STARTS - 1 ? 1 + WARM_CALLS : 1;
                for (int c = 0; c < callsNow; c++) {
                    FunctionTuner.Call call = tuner.call(target, qualifier, memory, target.events().get(calls.size() % target.events().size()));
                    if (call.failure() != null) {
                        return new Outcome(null, "the advisor's call failed: " + call.failure());
                    }
                    calls.add(call.invocation());
                }
            }
        } finally {
            session.restore();
        }
        PowerResult measured = PowerResult.of(memory, calls, tuned.pricing(), 0, null);
        if (measured.coldCount() < COLD_STARTS || measured.warmCount() == 0 || measured.coldStartKind() != ColdStartKind.ON_DEMAND) {
            return new Outcome(null, "expected " + COLD_STARTS + " on-demand cold starts and warm calls at " + memory
                    + " MB; got " + measured.coldCount() + " " + measured.coldStartKind().label() + " and " + measured.warmCount() + " warm");
        }
        Optional<PowerResult> restored = tuned.results().stream()
                .filter(r -> !r.failed() && r.power() == memory && r.coldStartKind() == ColdStartKind.SNAPSTART).findFirst();
        double restoreMs;
        String restoreSource;
        boolean restoreEstimated;
        if (onAws && restored.isPresent()) {
            restoreMs = restored.get().initOrRestoreP50();
            restoreSource = "measured on AWS by this run";
            restoreEstimated = false;
        } else if (restoreMsOption != null) {
            restoreMs = restoreMsOption;
            restoreSource = "--snapstart-restore-ms";
            restoreEstimated = false;
        } else {
            restoreMs = SnapStartDefaults.restoreMs(memory);
            restoreSource = SnapStartDefaults.RESTORE_SOURCE;
            restoreEstimated = true;
        }
        double restoredFirstInvoke = restored.map(PowerResult::firstInvokeP50).orElse(measured.firstInvokeP50());
        FunctionFigures figures = new FunctionFigures(target.displayName(), memory, tuned.pricing(),
                measured.warmP50(), Math.max(measured.warmP50(), measured.warmP99()),
                measured.initOrRestoreP50(), measured.firstInvokeP50(),
                restoreMs, SnapStartDefaults.BILLED_RESTORE_MS, restoreSource, restoreEstimated,
                restoredFirstInvoke, restored.isEmpty(),
                session.image() ? "a container image (SnapStart takes zip functions only)" : null);
        return new Outcome(figures, null);
    }
}
