package dev.coldbrew.tuner;

import dev.coldbrew.tuner.advice.PoolSimulator;
import dev.coldbrew.tuner.advice.TrafficProfile;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The cold-start advisor's options: whether to advise, the traffic to advise for, the objective, the assumptions. */
final class AdviceOptions {
    /**
     * The two traffic profiles docs/tuning.md documents, by name: a busy API (steady traffic with a morning peak)
     * and a sparse job (a few calls an hour). {@code --traffic} takes these names or any shape or CSV.
     */
    static final Map<String, String> PRESETS = presets();

    @Option(names = "--advise", description = "After tuning, advise a cold-start strategy per function: on-demand, "
            + "SnapStart or provisioned concurrency (fixed or autoscaled), from 3 on-demand cold starts and warm calls "
            + "at the function's configured memory and a simulated day of --traffic.")
    boolean advise;

    @Option(names = "--traffic", paramLabel = "PROFILE", description = "Traffic to advise for, repeatable: "
            + "busy-api, sparse-job, a shape such as 'steady=20/s,peak=200/s@08:00-10:00,burst=500@12:00:00', "
            + "@file.csv (timestamps, or minute,count), or on AWS cloudwatch[:YYYY-MM-DD] (a function's own day of "
            + "Invocations; default yesterday). Default: busy-api and sparse-job.")
    List<String> traffic = new ArrayList<>();

    @Option(names = "--p99-slo", paramLabel = "MS", description = "Recommend the cheapest strategy whose p99 latency, "
            + "cold starts included, is at most MS. Default: the cheapest.")
    Double p99SloMs;

    @Option(names = "--snapstart-restore-ms", paramLabel = "MS", description = "SnapStart Restore Duration to assume "
            + "(e.g. measured on AWS). Default: public figures by memory size, reported as estimates.")
    Double snapStartRestoreMs;

    @Option(names = "--idle-minutes", paramLabel = "MIN", description = "Minutes an idle on-demand environment "
            + "stays warm before Lambda reclaims it (not published by AWS). Default: ${DEFAULT-VALUE}.")
    double idleMinutes = PoolSimulator.Assumptions.DEFAULT.idleMinutes();

    /** One --traffic: a profile known now, or a day of each function's CloudWatch metrics, read when advising it. */
    record Traffic(TrafficProfile fixed, LocalDate cloudWatchDay) {
        TrafficProfile forFunction(CloudWatchClient cloudWatch, String functionName) {
            return fixed != null ? fixed : CloudWatchTraffic.fetch(cloudWatch, functionName, cloudWatchDay);
        }
    }

    /** Parses and checks everything before any measuring starts, so bad input costs nothing. */
    List<Traffic> profiles(Path baseDir, boolean onAws, Clock clock) {
        if (!advise) {
            if (!traffic.isEmpty() || p99SloMs != null || snapStartRestoreMs != null) {
                throw new UsageException("--traffic, --p99-slo and --snapstart-restore-ms go with --advise.");
            }
            return List.of();
        }
        if (p99SloMs != null && !(p99SloMs > 0)) {
            throw new UsageException("--p99-slo must be a positive number of milliseconds; got " + p99SloMs + ".");
        }
        if (snapStartRestoreMs != null && !(snapStartRestoreMs >= 0)) {
            throw new UsageException("--snapstart-restore-ms must not be negative; got " + snapStartRestoreMs + ".");
        }
        if (!(idleMinutes > 0)) {
            throw new UsageException("--idle-minutes must be positive; got " + idleMinutes + ".");
        }
        List<Traffic> profiles = new ArrayList<>();
        for (String spec : traffic.isEmpty() ? List.copyOf(PRESETS.keySet()) : traffic) {
            Optional<LocalDate> day = CloudWatchTraffic.day(spec, clock);
            if (day.isPresent()) {
                if (!onAws) {
                    throw new UsageException("--traffic " + spec + " reads a deployed function's CloudWatch metrics; "
                            + "it needs a run on AWS (--stack or --aws). Locally give a shape or a CSV file.");
                }
                profiles.add(new Traffic(null, day.get()));
                continue;
            }
            String preset = PRESETS.get(spec.strip());
            TrafficProfile profile = TrafficProfile.parse(preset != null ? preset : spec, baseDir);
            profiles.add(new Traffic(preset != null ? profile.named(spec.strip() + " (" + preset + ")") : profile, null));
        }
        return profiles;
    }

    /** Whether a traffic profile comes from CloudWatch (the run then needs a CloudWatch client). */
    static boolean readsCloudWatch(List<Traffic> profiles) {
        return profiles.stream().anyMatch(t -> t.fixed() == null);
    }

    PoolSimulator.Assumptions assumptions() {
        PoolSimulator.Assumptions defaults = PoolSimulator.Assumptions.DEFAULT;
        return new PoolSimulator.Assumptions(idleMinutes, defaults.allocationDelayMinutes(), defaults.daysPerMonth(), defaults.seed());
    }

    private static Map<String, String> presets() {
        Map<String, String> presets = new LinkedHashMap<>();
        presets.put("busy-api", "steady=10/s, peak=50/s@08:00-10:00");
        presets.put("sparse-job", "steady=4/h");
        return java.util.Collections.unmodifiableMap(presets);
    }
}
