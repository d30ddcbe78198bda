package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.tuner.advice.TrafficProfile;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A deployed function's day of CloudWatch metrics as the advisor's traffic (the metrics API itself needs AWS). */
class CloudWatchTrafficTest {
    private static final Clock NOV_24 = Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC);
    private static final LocalDate DAY = LocalDate.parse("2026-11-23");

    @Test
    void theSpecNamesYesterdayOrAPastDay() {
        assertEquals(Optional.of(DAY), CloudWatchTraffic.day("cloudwatch", NOV_24));
        assertEquals(Optional.of(LocalDate.parse("2026-10-01")), CloudWatchTraffic.day("CloudWatch:2026-10-01", NOV_24));
        assertEquals(Optional.empty(), CloudWatchTraffic.day("steady=1/s", NOV_24));
        assertTrue(assertThrows(UsageException.class, () -> CloudWatchTraffic.day("cloudwatch:2026-13-01", NOV_24))
                .getMessage().contains("cloudwatch:YYYY-MM-DD"));
        assertTrue(assertThrows(UsageException.class, () -> CloudWatchTraffic.day("cloudwatch:2026-11-24", NOV_24))
                .getMessage().contains("not over yet"));
    }

    /** Per-minute sums become that many arrivals inside their minute; datapoints of other days are left out. */
    @Test
    void perMinuteSumsBecomeArrivalsInTheirMinute() {
        Instant midnight = DAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Instant> times = List.of(midnight.plusSeconds(8 * 3600), midnight.plusSeconds(8 * 3600 + 60),
                midnight.minusSeconds(60), midnight.plusSeconds(86_400));
        TrafficProfile profile = CloudWatchTraffic.profile("orders", DAY, times, List.of(3.0, 5.0, 100.0, 100.0), List.of(1.0, 4.0));
        assertEquals(8, profile.requestCount());
        long[] arrivals = profile.arrivalsMs();
        for (int i = 0; i < 3; i++) {
            assertTrue(arrivals[i] >= 8 * 3_600_000L && arrivals[i] < 8 * 3_600_000L + 60_000, "minute 08:00: " + arrivals[i]);
        }
        for (int i = 3; i < 8; i++) {
            assertTrue(arrivals[i] >= 8 * 3_600_000L + 60_000 && arrivals[i] < 8 * 3_600_000L + 120_000, "minute 08:01: " + arrivals[i]);
        }
        assertEquals("CloudWatch orders 2026-11-23 (observed peak concurrency 4)", profile.name());
    }

    @Test
    void aDayWithoutInvocationsIsBadInputThatSaysWhatToDo() {
        UsageException e = assertThrows(UsageException.class,
                () -> CloudWatchTraffic.profile("orders", DAY, List.of(), List.of(), List.of()));
        assertTrue(e.getMessage().contains("no Invocations of orders on 2026-11-23"), e.getMessage());
    }
}
