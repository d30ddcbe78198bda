package dev.coldbrew.tuner.advice;

import static dev.coldbrew.tuner.advice.TrafficProfile.DAY_MS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The traffic the advisor replays: described shapes drawn reproducibly, CSV files read exactly, bad input refused. */
class TrafficProfileTest {
    private static final long HOUR_MS = 3_600_000L;

    @TempDir
    Path dir;

    @Test
    void steadyRateGivesTheExpectedCountSortedWithinTheDayAndReproducibly() {
        TrafficProfile profile = TrafficProfile.parse("steady=10/s", dir);
        long[] arrivals = profile.arrivalsMs();
        assertEquals(864_000, arrivals.length, 8_640);
        assertEquals(arrivals.length, profile.requestCount());
        assertTrue(arrivals[0] >= 0 && arrivals[arrivals.length - 1] < DAY_MS);
        for (int i = 1; i < arrivals.length; i++) {
            assertTrue(arrivals[i - 1] <= arrivals[i], "sorted at " + i);
        }
        assertArrayEquals(arrivals, TrafficProfile.parse(" steady = 10/s ", dir).arrivalsMs());
        assertEquals("steady 10/s", profile.name());
    }

    @Test
    void peakAddsTrafficOnlyInsideItsWindow() {
        TrafficProfile profile = TrafficProfile.parse("steady=1/s, peak=9/s@08:00-10:00", dir);
        long inside = Arrays.stream(profile.arrivalsMs()).filter(t -> t >= 8 * HOUR_MS && t < 10 * HOUR_MS).count();
        long outside = profile.requestCount() - inside;
        assertEquals(10 * 7_200, inside, 0.03 * 72_000, "10/s for two hours");
        assertEquals(79_200, outside, 0.03 * 79_200, "1/s for the other 22 hours");
        assertEquals("steady 1/s + peak 9/s 08:00-10:00", profile.name());
    }

    @Test
    void peakMayRunUntilMidnight() {
        TrafficProfile profile = TrafficProfile.parse("peak=1/s@23:00-24:00", dir);
        long[] arrivals = profile.arrivalsMs();
        assertEquals(3_600, arrivals.length, 300);
        assertTrue(arrivals[0] >= 23 * HOUR_MS && arrivals[arrivals.length - 1] < DAY_MS);
    }

    @Test
    void burstAddsExactlyItsRequestsWithinItsSecond() {
        long noon = 12 * HOUR_MS;
        TrafficProfile steady = TrafficProfile.parse("steady=1/min", dir);
        TrafficProfile profile = TrafficProfile.parse("steady=1/min, burst=100@12:00:00", dir);
        assertEquals(steady.requestCount() + 100, profile.requestCount());
        long inSecond = Arrays.stream(profile.arrivalsMs()).filter(t -> t >= noon && t < noon + 1_000).count();
        long steadyInSecond = Arrays.stream(steady.arrivalsMs()).filter(t -> t >= noon && t < noon + 1_000).count();
        assertEquals(100, inSecond - steadyInSecond);
        assertTrue(profile.peakPerSecond() >= 100, "peak " + profile.peakPerSecond());
        assertTrue(steady.peakPerSecond() < 10, "a minute's rate has no herd: " + steady.peakPerSecond());
    }

    @Test
    void ratesPerMinuteAndPerHour() {
        int perHour = TrafficProfile.parse("steady=4/h", dir).requestCount();
        assertTrue(perHour >= 60 && perHour <= 135, "4/h for a day: " + perHour);
        int perMinute = TrafficProfile.parse("steady=0.5/min", dir).requestCount();
        assertEquals(720, perMinute, 120, "0.5/min for a day");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "steady=0/s                    | steady=0/s            | greater than zero",
            "steady=-1/s                   | steady=-1/s           | greater than zero",
            "steady=5                      | steady=5              | needs a unit",
            "steady=5/day                  | steady=5/day          | not a rate",
            "peak=5/s@10:00                | peak=5/s@10:00        | HH:MM-HH:MM",
            "peak=5/s                      | peak=5/s              | peak=RATE@HH:MM-HH:MM",
            "peak=5/s@10:00-09:00          | peak=5/s@10:00-09:00  | must end after it starts",
            "peak=5/s@25:00-26:00          | peak=5/s@25:00-26:00  | '25:00' is not a time of day",
            "peak=5/s@10:61-11:00          | peak=5/s@10:61-11:00  | '10:61' is not a time of day",
            "peak=5/s@24:00-24:00          | peak=5/s@24:00-24:00  | '24:00' is not a time of day",
            "wave=5/s                      | wave=5/s              | Unknown traffic term",
            "burst=0@12:00:00              | burst=0@12:00:00      | at least 1",
            "burst=many@12:00:00           | burst=many@12:00:00   | at least 1",
            "burst=5@24:00:00              | burst=5@24:00:00      | not a time of day",
            "steady=1/s, sunny             | sunny                 | expected steady=RATE",
            "'steady=1/s,,peak=2/s@1:00-2:00' | empty term         | separated by commas",
    })
    void badShapesNameTheTermAndWhatIsExpected(String spec, String term, String expected) {
        String message = rejected(spec);
        assertTrue(message.contains(term), message);
        assertTrue(message.contains(expected), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void emptySpecIsRefused(String spec) {
        assertTrue(rejected(spec).contains("--traffic is empty"));
    }

    @Test
    void tooLargeProfilesAreRefusedBeforeDrawingThem() {
        String message = rejected("steady=1000/s");
        assertTrue(message.contains("86,400,000") && message.contains("lower rate"), message);
        assertTrue(rejected("steady=100/s, peak=1000/s@08:00-14:00").contains("too many to simulate"));
        assertTrue(rejected("burst=99999999999999999999@12:00:00").contains("too many to simulate"));
    }

    @Test
    void csvOfTimestampsGivesExactArrivalsFromMidnight() throws IOException {
        write("requests.csv", """
                timestamp
                # from the access log
                2026-03-01T08:00:01.250Z

                1772352000000
                1772352000999
                2026-03-01T00:00:00Z
                2026-03-01T23:59:59.999Z
                """);
        TrafficProfile profile = TrafficProfile.parse("@requests.csv", dir);
        long eight = 8 * HOUR_MS;
        assertArrayEquals(new long[] {0, eight, eight + 999, eight + 1_250, DAY_MS - 1}, profile.arrivalsMs());
        assertEquals("requests.csv", profile.name());
        assertEquals(2, profile.peakPerSecond());
    }

    @Test
    void csvPathsMayBeAbsolute() throws IOException {
        Path file = write("abs.csv", "1772352000005\n");
        TrafficProfile profile = TrafficProfile.parse("@" + file.toAbsolutePath(), Path.of("/nowhere"));
        assertArrayEquals(new long[] {8 * HOUR_MS + 5}, profile.arrivalsMs());
    }

    @Test
    void csvOfMinuteCountsSpreadsEachCountInsideItsMinute() throws IOException {
        write("clock.csv", "minute,count\n08:00,30\n08:01, 0\n23:59,5\n00:00,1\n");
        assertMinutes(TrafficProfile.parse("@clock.csv", dir), 36);
        write("iso.csv", "2026-03-01T08:00:00Z,30\n2026-03-01T08:01:10Z,0\n2026-03-01T23:59:59Z,5\n"
                + "2026-03-01T00:00:00Z,1\n");
        TrafficProfile iso = TrafficProfile.parse("@iso.csv", dir);
        assertMinutes(iso, 36);
        assertArrayEquals(TrafficProfile.parse("@clock.csv", dir).arrivalsMs(), iso.arrivalsMs(), "same seed, same day");
    }

    private static void assertMinutes(TrafficProfile profile, int total) {
        assertEquals(total, profile.requestCount());
        long[] arrivals = profile.arrivalsMs();
        assertEquals(1, Arrays.stream(arrivals).filter(t -> t < 60_000).count(), "00:00");
        assertEquals(30, Arrays.stream(arrivals).filter(t -> t >= 8 * HOUR_MS && t < 8 * HOUR_MS + 60_000).count());
        assertEquals(5, Arrays.stream(arrivals).filter(t -> t >= DAY_MS - 60_000 && t < DAY_MS).count(), "23:59");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "empty.csv      | '\\n\\n# nothing yet\\n'                                  | empty.csv is empty",
            "header.csv     | 'minute,count\\n'                                       | header.csv has only a header line",
            "malformed.csv  | 'timestamp\\n2026-03-01T08:00:00Z\\n\\nyesterday\\n'       | line 4 'yesterday': expected a request timestamp",
            "late-head.csv  | '08:00,1\\nminute,count\\n'                              | line 2 'minute,count': 'minute' is not a minute",
            "bad-count.csv  | '08:00,lots\\n'                                         | line 1 '08:00,lots': 'lots' is not a count",
            "negative.csv   | 'minute,count\\n08:00,3\\n08:01,-2\\n'                    | line 3 '08:01,-2': the count -2 is negative",
            "twice.csv      | '08:00,3\\n08:05,1\\n08:00,2\\n'                          | line 3 '08:00,2': repeats the minute of line 1",
            "iso-twice.csv  | '2026-03-01T08:00:10Z,3\\n2026-03-01T08:00:50Z,1\\n'     | line 2 '2026-03-01T08:00:50Z,1': repeats the minute of line 1",
            "three.csv      | 'a,b,c\\n08:00,3,1\\n'                                   | line 2 '08:00,3,1': 3 columns",
            "ragged.csv     | '08:00,3\\n08:01\\n'                                     | line 2 '08:01': 1 column where the first data row (line 1) has 2",
            "mixed.csv      | '08:00,3\\n2026-03-01T08:01:00Z,1\\n'                    | line 2 '2026-03-01T08:01:00Z,1': mixes HH:MM and ISO-8601",
            "bad-clock.csv  | '24:00,3\\n'                                            | line 1 '24:00,3': '24:00' is not a minute",
            "two-days.csv   | '2026-03-01T12:00:00Z\\n2026-03-02T11:00:00Z\\n'         | two-days.csv spans 2 UTC days (2026-03-01 to 2026-03-02): give one day",
            "two-days-m.csv | '2026-03-01T23:59:00Z,1\\n2026-03-03T00:00:00Z,1\\n'     | two-days-m.csv spans 3 UTC days",
            "huge.csv       | '08:00,20000000\\n08:01,1\\n'                          | huge.csv means about 20,000,001 requests a day, too many to simulate",
            "zeros.csv      | 'minute,count\\n08:00,0\\n09:00,0\\n'                     | no requests in zeros.csv: every count is 0",
    })
    void badCsvFilesAreRefusedWithTheFileAndLine(String file, String content, String expected) throws IOException {
        write(file, content.replace("\\n", "\n"));
        String message = rejected("@" + file);
        assertTrue(message.contains(expected), message);
        assertTrue(message.startsWith("Traffic file " + file) || message.contains(" " + file), message);
    }

    @Test
    void missingOrUnnamedFileIsRefused() {
        assertTrue(rejected("@missing.csv").contains("Traffic file not found: " + dir.resolve("missing.csv")));
        assertTrue(rejected("@").contains("needs a file name"));
        assertTrue(rejected("@" + dir).startsWith("Cannot read traffic file " + dir));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private String rejected(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrafficProfile.parse(spec, dir));
        assertFalse(e.getMessage().contains("Exception") || e.getMessage().contains("java."), e.getMessage());
        return e.getMessage();
    }
}
