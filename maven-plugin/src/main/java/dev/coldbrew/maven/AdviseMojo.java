package dev.coldbrew.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * coldbrew:tune, then a cold-start strategy per function (on-demand, SnapStart, provisioned concurrency fixed or
 * autoscaled) for a day of traffic, from cold starts and warm calls measured at the function's configured memory:
 * the tuner's {@code --advise}. The advice is in the console and the reports.
 */
@Mojo(name = "advise", aggregator = true, requiresDependencyResolution = ResolutionScope.NONE,
        threadSafe = true)
public class AdviseMojo extends TuneMojo {
    /**
     * The traffic to advise for: {@code busy-api}, {@code sparse-job}, a shape such as
     * {@code steady=20/s,peak=200/s@08:00-10:00}, {@code @file.csv} (relative to the project's directory) or, on AWS,
     * {@code cloudwatch}. Default: the tuner's profiles, busy-api and sparse-job.
     */
    @Parameter(property = "coldbrew.traffic")
    String traffic;

    /** Recommend the cheapest strategy whose p99 latency, cold starts included, is at most this many milliseconds. */
    @Parameter(property = "coldbrew.p99Slo")
    String p99Slo;

    @Override
    void addAdviceOptions(Arguments line) {
        line.flag("--advise");
        if (traffic != null && !traffic.isBlank()) {
            line.add("--traffic", traffic.startsWith("@") ? "@" + projectPath(traffic.substring(1)) : traffic);
        }
        if (p99Slo != null && !p99Slo.isBlank()) {
            line.option("--p99-slo", p99Slo);
        }
    }
}
