package dev.coldbrew.tuner.advice;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * One day of request arrivals: the traffic the cold-start advisor replays against its model of Lambda's
 * environment pool. Given as {@code --traffic} either a described shape
 * ({@code steady=20/s, peak=200/s@08:00-10:00, burst=500@12:00:00}) or real traffic in {@code @file.csv}
 * (see {@link TrafficCsv}). Shapes are drawn with a fixed seed, so the same option always gives the same advice.
 */
public final class TrafficProfile {
    public static final long DAY_MS = 86_400_000L;
    /** Beyond this a simulated day costs too much memory (8 bytes per arrival) and time for a CLI run. */
    static final long MAX_REQUESTS = 20_000_000L;
    static final long SEED = 42;

    private static final String EXPECTED_TERMS = "expected steady=RATE, peak=RATE@HH:MM-HH:MM or burst=N@HH:MM:SS,"
            + " with RATE like 20/s, 0.5/min or 4/h";
    private static final Pattern TERM = Pattern.compile("(\\w+)\\s*=\\s*(.*)");
    private static final Pattern RATE = Pattern.compile("(-?\\d+(?:\\.\\d+)?|-?\\.\\d+)\\s*/\\s*(s|min|h)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?|-?\\.\\d+");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

    private final String name;
    private final long[] arrivalsMs;
    private final int peakPerSecond;

    TrafficProfile(String name, long[] sortedArrivalsMs) {
        this.name = name;
        this.arrivalsMs = sortedArrivalsMs;
        int peak = 0, inSecond = 0;
        long second = -1;
        for (long t : sortedArrivalsMs) {
            inSecond = t / 1000 == second ? inSecond + 1 : 1;
            second = t / 1000;
            peak = Math.max(peak, inSecond);
        }
        this.peakPerSecond = peak;
    }

    /**
     * Parses --traffic: {@code @path/to/file.csv} (relative paths against {@code baseDir}) or a described shape.
     * Throws IllegalArgumentException with a clear, user-facing message on any bad input.
     */
    public static TrafficProfile parse(String spec, Path baseDir) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("--traffic is empty: give a shape such as steady=20/s,"
                    + " peak=200/s@08:00-10:00 or a CSV file as @traffic.csv.");
        }
        String trimmed = spec.strip();
        return trimmed.startsWith("@") ? TrafficCsv.read(trimmed.substring(1).strip(), baseDir) : fromShape(trimmed);
    }

    /** Arrivals given directly (milliseconds since 00:00 UTC, within one day), as a recorded day or a test has them. */
    public static TrafficProfile of(String name, long[] arrivalsMs) {
        long[] sorted = arrivalsMs.clone();
        java.util.Arrays.sort(sorted);
        if (sorted.length == 0 || sorted[0] < 0 || sorted[sorted.length - 1] >= DAY_MS) {
            throw new IllegalArgumentException("Traffic '" + name + "' needs at least one arrival, all within one day.");
        }
        return new TrafficProfile(name, sorted);
    }

    /**
     * A day given as requests per minute ({@code countsPerMinute[m]} for minute m after 00:00 UTC, 1440 of them),
     * as per-minute metrics and minute,count files give it: each minute's requests fall at random within it, drawn
     * with the fixed seed.
     */
    public static TrafficProfile fromMinuteCounts(String name, long[] countsPerMinute) {
        if (countsPerMinute.length != 24 * 60) {
            throw new IllegalArgumentException("A day has 1440 minutes; got " + countsPerMinute.length + " counts.");
        }
        long total = Arrays.stream(countsPerMinute).sum();
        if (total == 0) {
            throw new IllegalArgumentException("There are no requests in " + name + ".");
        }
        if (total > MAX_REQUESTS) {
            throw tooLarge("in " + name, total, "give a quieter day");
        }
        SplittableRandom random = new SplittableRandom(SEED);
        long[] arrivals = new long[(int) total];
        int next = 0;
        for (int minute = 0; minute < countsPerMinute.length; minute++) {
            for (long c = 0; c < countsPerMinute[minute]; c++) {
                arrivals[next++] = minute * 60_000L + random.nextLong(60_000);
            }
        }
        Arrays.sort(arrivals);
        return new TrafficProfile(name, arrivals);
    }

    /** The same arrivals under another name (a preset shows its name and its shape). */
    public TrafficProfile named(String newName) {
        return new TrafficProfile(newName, arrivalsMs);
    }

    public String name() {
        return name;
    }

    /** Milliseconds since 00:00 UTC, sorted ascending; a copy, as the simulation must not change the profile. */
    public long[] arrivalsMs() {
        return arrivalsMs.clone();
    }

    public int requestCount() {
        return arrivalsMs.length;
    }

    /** The most arrivals in one second {@code [k*1000, (k+1)*1000)}: what the pool must absorb at once. */
    public double peakPerSecond() {
        return peakPerSecond;
    }

    static IllegalArgumentException tooLarge(String what, double expectedRequests, String remedy) {
        return new IllegalArgumentException(String.format("The traffic %s means about %,d requests a day, too many to"
                + " simulate (at most %,d); %s.", what, Math.round(expectedRequests), MAX_REQUESTS, remedy));
    }

    private static TrafficProfile fromShape(String spec) {
        List<Term> terms = new ArrayList<>();
        for (String part : spec.split(",", -1)) {
            terms.add(term(part.strip(), spec));
        }
        double expected = terms.stream().mapToDouble(Term::expectedRequests).sum();
        if (expected > MAX_REQUESTS) {
            throw tooLarge("'" + spec + "'", expected, "use a lower rate");
        }
        SplittableRandom random = new SplittableRandom(SEED);
        LongStream.Builder arrivals = LongStream.builder();
        terms.forEach(term -> term.generate(random, arrivals));
        long[] sorted = arrivals.build().toArray();
        Arrays.sort(sorted);
        return new TrafficProfile(String.join(" + ", terms.stream().map(Term::label).toList()), sorted);
    }

    private static Term term(String term, String spec) {
        if (term.isEmpty()) {
            throw new IllegalArgumentException("--traffic '" + spec + "' has an empty term; " + EXPECTED_TERMS
                    + ", separated by commas.");
        }
        Matcher named = TERM.matcher(term);
        if (!named.matches()) {
            throw bad(term, EXPECTED_TERMS);
        }
        String value = named.group(2).strip();
        switch (named.group(1)) {
            case "steady" -> {
                return new Poisson("steady " + value, rate(term, value), 0, DAY_MS);
            }
            case "peak" -> {
                String[] rateAndWindow = atParts(term, value, "peak=RATE@HH:MM-HH:MM, e.g. peak=200/s@08:00-10:00");
                String[] window = rateAndWindow[1].split("-", -1);
                if (window.length != 2) {
                    throw bad(term, "the window is HH:MM-HH:MM, e.g. 08:00-10:00");
                }
                long from = timeOfDay(term, window[0], false), to = timeOfDay(term, window[1], true);
                if (to <= from) {
                    throw bad(term, "the window must end after it starts, within one UTC day (not across midnight)");
                }
                return new Poisson("peak " + rateAndWindow[0] + " " + rateAndWindow[1],
                        rate(term, rateAndWindow[0]), from, to);
            }
            case "burst" -> {
                String[] countAndTime = atParts(term, value, "burst=N@HH:MM:SS, e.g. burst=500@12:00:00");
                long count = burstCount(term, countAndTime[0]);
                return new Burst("burst " + count + " at " + countAndTime[1], count,
                        timeOfDay(term, countAndTime[1], false));
            }
            default -> throw new IllegalArgumentException("Unknown traffic term '" + term + "': "
                    + EXPECTED_TERMS + ".");
        }
    }

    private static String[] atParts(String term, String value, String expected) {
        int at = value.indexOf('@');
        if (at < 0) {
            throw bad(term, "expected " + expected);
        }
        return new String[] {value.substring(0, at).strip(), value.substring(at + 1).strip()};
    }

    /** Requests per millisecond. */
    private static double rate(String term, String text) {
        Matcher rate = RATE.matcher(text);
        if (!rate.matches()) {
            throw bad(term, NUMBER.matcher(text).matches() ? "the rate needs a unit, like 20/s, 0.5/min or 4/h"
                    : "'" + text + "' is not a rate; expected a number per unit, like 20/s, 0.5/min or 4/h");
        }
        double perUnit = Double.parseDouble(rate.group(1));
        if (perUnit <= 0) {
            throw bad(term, "the rate must be greater than zero");
        }
        return perUnit / switch (rate.group(2)) {
            case "s" -> 1_000.0;
            case "min" -> 60_000.0;
            default -> 3_600_000.0;
        };
    }

    private static long burstCount(String term, String text) {
        if (text.matches("\\d+")) {
            try {
                long count = Long.parseLong(text);
                if (count > 0) {
                    return count;
                }
            } catch (NumberFormatException tooManyDigits) {
                throw tooLarge("'" + term + "'", Double.parseDouble(text), "use a smaller burst");
            }
        }
        throw bad(term, "the burst size must be a whole number of requests, at least 1");
    }

    /** Milliseconds since midnight; 24:00 only as a window's (exclusive) end, so a peak can run until midnight. */
    private static long timeOfDay(String term, String text, boolean windowEnd) {
        Matcher time = TIME.matcher(text.strip());
        if (time.matches()) {
            int hours = Integer.parseInt(time.group(1)), minutes = Integer.parseInt(time.group(2));
            int seconds = time.group(3) == null ? 0 : Integer.parseInt(time.group(3));
            boolean midnightEnd = windowEnd && hours == 24 && minutes == 0 && seconds == 0;
            if (midnightEnd || (hours < 24 && minutes < 60 && seconds < 60)) {
                return ((hours * 60L + minutes) * 60 + seconds) * 1000;
            }
        }
        throw bad(term, "'" + text.strip() + "' is not a time of day; expected HH:MM or HH:MM:SS"
                + " from 00:00 to 23:59:59 UTC");
    }

    private static IllegalArgumentException bad(String term, String problem) {
        return new IllegalArgumentException("Bad traffic term '" + term + "': " + problem + ".");
    }

    /** One part of a described shape; the parts' arrivals add up. */
    private sealed interface Term {
        String label();

        double expectedRequests();

        void generate(SplittableRandom random, LongStream.Builder arrivals);
    }

    /** Independent clients at a constant rate: exponential gaps between arrivals, as in a Poisson process. */
    private record Poisson(String label, double perMs, long fromMs, long toMs) implements Term {
        public double expectedRequests() {
            return perMs * (toMs - fromMs);
        }

        public void generate(SplittableRandom random, LongStream.Builder arrivals) {
            for (double t = fromMs + gap(random); t < toMs; t += gap(random)) {
                arrivals.add((long) t);
            }
        }

        private double gap(SplittableRandom random) {
            return -Math.log(1 - random.nextDouble()) / perMs;
        }
    }

    /** A herd within one second (a scheduled fan-out, a retry storm): the case that forces many cold starts. */
    private record Burst(String label, long count, long atMs) implements Term {
        public double expectedRequests() {
            return count;
        }

        public void generate(SplittableRandom random, LongStream.Builder arrivals) {
            for (long i = 0; i < count; i++) {
                arrivals.add(atMs + i * 1000 / count);
            }
        }
    }
}
