package dev.coldbrew.tuner;

import dev.coldbrew.tuner.advice.TrafficProfile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * A deployed function's real traffic for the advisor: one past UTC day of its {@code AWS/Lambda} metrics,
 * {@code Invocations} (Sum) per minute as the arrivals and {@code ConcurrentExecutions} (Maximum) per minute as
 * the concurrency it reached, which the report sets beside the simulated one. {@code --traffic cloudwatch} takes
 * yesterday, {@code --traffic cloudwatch:YYYY-MM-DD} a given day; only for functions on AWS.
 */
final class CloudWatchTraffic {
    static final String PREFIX = "cloudwatch";
    private static final String NAMESPACE = "AWS/Lambda";
    private static final int MINUTES = 24 * 60;

    private CloudWatchTraffic() {
    }

    /** The day a {@code cloudwatch[:YYYY-MM-DD]} spec asks for, or empty when the spec is not one. */
    static Optional<LocalDate> day(String spec, Clock clock) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (!s.equals(PREFIX) && !s.startsWith(PREFIX + ":")) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (s.equals(PREFIX)) {
            return Optional.of(today.minusDays(1));
        }
        LocalDate day;
        try {
            day = LocalDate.parse(s.substring(PREFIX.length() + 1));
        } catch (DateTimeParseException e) {
            throw new UsageException("--traffic " + spec + ": expected cloudwatch or cloudwatch:YYYY-MM-DD (a past UTC day).");
        }
        if (!day.isBefore(today)) {
            throw new UsageException("--traffic " + spec + ": " + day + " is not over yet; give a past UTC day.");
        }
        return Optional.of(day);
    }

    /** Reads the day's metrics of {@code functionName} from CloudWatch. */
    static TrafficProfile fetch(CloudWatchClient cloudWatch, String functionName, LocalDate day) {
        Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        GetMetricDataRequest request = GetMetricDataRequest.builder()
                .startTime(start).endTime(start.plus(Duration.ofDays(1)))
                .metricDataQueries(query("invocations", "Invocations", "Sum", functionName),
                        query("concurrency", "ConcurrentExecutions", "Maximum", functionName))
                .build();
        List<Instant> invocationTimes = new ArrayList<>(), concurrencyTimes = new ArrayList<>();
        List<Double> invocations = new ArrayList<>(), concurrency = new ArrayList<>();
        for (MetricDataResult result : cloudWatch.getMetricDataPaginator(request).metricDataResults()) {
            boolean isInvocations = result.id().equals("invocations");
            (isInvocations ? invocationTimes : concurrencyTimes).addAll(result.timestamps());
            (isInvocations ? invocations : concurrency).addAll(result.values());
        }
        return profile(functionName, day, invocationTimes, invocations, concurrency);
    }

    /**
     * The day's arrivals from per-minute invocation sums (datapoints outside the day are ignored), named with the
     * day and the highest concurrency CloudWatch saw.
     */
    static TrafficProfile profile(String functionName, LocalDate day, List<Instant> times, List<Double> sums, List<Double> concurrency) {
        long midnight = day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long[] perMinute = new long[MINUTES];
        for (int i = 0; i < times.size(); i++) {
            long minute = (times.get(i).toEpochMilli() - midnight) / 60_000;
            if (minute >= 0 && minute < MINUTES) {
                perMinute[(int) minute] += Math.round(sums.get(i));
            }
        }
        if (java.util.Arrays.stream(perMinute).sum() == 0) {
            throw new UsageException("CloudWatch has no Invocations of " + functionName + " on " + day
                    + " (UTC); give a day it was called (--traffic cloudwatch:YYYY-MM-DD) or a traffic shape.");
        }
        long observedPeak = Math.round(concurrency.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        return TrafficProfile.fromMinuteCounts("CloudWatch " + functionName + " " + day + " (observed peak concurrency "
                + observedPeak + ")", perMinute);
    }

    static CloudWatchClient client(String region) {
        return CloudWatchClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10)).build())
                .region(Region.of(region)).build();
    }

    private static MetricDataQuery query(String id, String metric, String stat, String functionName) {
        return MetricDataQuery.builder().id(id).returnData(true)
                .metricStat(m -> m.period(60).stat(stat).metric(x -> x.namespace(NAMESPACE).metricName(metric)
                        .dimensions(Dimension.builder().name("FunctionName").value(functionName).build())))
                .build();
    }
}
