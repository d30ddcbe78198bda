package dev.coldbrew.tuner.advice;

import static dev.coldbrew.tuner.advice.TrafficProfile.DAY_MS;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real traffic from a CSV file: one request timestamp per line (from access logs), or {@code minute,count} per line
 * (CloudWatch's Invocations metric at one-minute resolution). Either way one UTC day, the span the advisor simulates.
 */
final class TrafficCsv {
    private static final String TIMESTAMP = "a request timestamp: an ISO-8601 instant like 2026-03-01T08:00:01.250Z"
            + " or epoch milliseconds";
    private static final String MINUTE_COUNT = "minute,count with the minute as HH:MM or an ISO-8601 instant"
            + " and the count a whole number, 0 or more";
    private static final String QUIETER_DAY = "give a quieter day";
    private static final Pattern CLOCK_MINUTE = Pattern.compile("(\\d{1,2}):(\\d{2})");

    private record Row(int lineNumber, String line, String[] fields) {
    }

    private TrafficCsv() {
    }

    static TrafficProfile read(String fileName, Path baseDir) {
        if (fileName.isEmpty()) {
            throw new IllegalArgumentException("--traffic @ needs a file name, e.g. @traffic.csv.");
        }
        Path file;
        List<String> lines;
        try {
            file = baseDir.resolve(fileName);
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("Bad traffic file name '" + fileName + "': " + e.getReason() + ".");
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("Traffic file not found: " + baseDir.resolve(fileName));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("Traffic file " + baseDir.resolve(fileName) + " is not UTF-8 text.");
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read traffic file " + baseDir.resolve(fileName) + ": "
                    + e.getMessage());
        }
        String name = file.getFileName().toString();
        List<Row> rows = new ArrayList<>();
        boolean sawHeader = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\uFEFF", "").strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = Arrays.stream(line.split(",", -1)).map(String::strip).toArray(String[]::new);
            if (rows.isEmpty() && !sawHeader && instantMs(fields[0]).isEmpty()
                    && !CLOCK_MINUTE.matcher(fields[0]).matches()) {
                sawHeader = true;
                continue;
            }
            rows.add(new Row(i + 1, line, fields));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("Traffic file " + name
                    + (sawHeader ? " has only a header line" : " is empty")
                    + ": expected one request timestamp per line, or minute,count per line.");
        }
        int columns = rows.get(0).fields().length;
        for (Row row : rows) {
            if (row.fields().length > 2) {
                throw lineError(name, row, row.fields().length + " columns; expected one timestamp per line,"
                        + " or minute,count per line");
            }
            if (row.fields().length != columns) {
                throw lineError(name, row, columns(row.fields().length) + " where the first data row (line "
                        + rows.get(0).lineNumber() + ") has " + columns + "; use one layout throughout");
            }
        }
        return new TrafficProfile(name, columns == 1 ? timestamps(name, rows) : minuteCounts(name, rows));
    }

    private static long[] timestamps(String name, List<Row> rows) {
        if (rows.size() > TrafficProfile.MAX_REQUESTS) {
            throw TrafficProfile.tooLarge("in " + name, rows.size(), QUIETER_DAY);
        }
        long[] epochMs = new long[rows.size()];
        for (int i = 0; i < epochMs.length; i++) {
            Row row = rows.get(i);
            epochMs[i] = instantMs(row.fields()[0]).orElseThrow(() -> lineError(name, row, "expected " + TIMESTAMP));
        }
        Arrays.sort(epochMs);
        long midnight = checkOneDay(name, epochMs[0], epochMs[epochMs.length - 1]);
        return Arrays.stream(epochMs).map(t -> t - midnight).toArray();
    }

    private static long[] minuteCounts(String name, List<Row> rows) {
        Map<Long, Row> rowByMinute = new HashMap<>();
        long[] minuteMs = new long[rows.size()];
        long[] counts = new long[rows.size()];
        long total = 0;
        Boolean absoluteMinutes = null;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String minute = row.fields()[0], count = row.fields()[1];
            minuteMs[i] = minuteStartMs(minute).orElseThrow(() ->
                    lineError(name, row, "'" + minute + "' is not a minute; expected " + MINUTE_COUNT));
            boolean absolute = !CLOCK_MINUTE.matcher(minute).matches();
            if (absoluteMinutes != null && absoluteMinutes != absolute) {
                throw lineError(name, row, "mixes HH:MM and ISO-8601 minutes; use one form throughout");
            }
            absoluteMinutes = absolute;
            if (!count.matches("-?\\d{1,18}")) {
                throw lineError(name, row, "'" + count + "' is not a count; expected " + MINUTE_COUNT);
            }
            counts[i] = Long.parseLong(count);
            if (counts[i] < 0) {
                throw lineError(name, row, "the count " + count + " is negative; a minute has 0 or more requests");
            }
            Row first = rowByMinute.putIfAbsent(minuteMs[i], row);
            if (first != null) {
                throw lineError(name, row, "repeats the minute of line " + first.lineNumber()
                        + "; give each minute once");
            }
            total += counts[i];
            if (total > TrafficProfile.MAX_REQUESTS) {
                throw TrafficProfile.tooLarge("in " + name, total, QUIETER_DAY);
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("There are no requests in " + name + ": every count is 0.");
        }
        long midnight = absoluteMinutes ? checkOneDay(name, Arrays.stream(minuteMs).min().orElseThrow(),
                Arrays.stream(minuteMs).max().orElseThrow()) : 0;
        long[] countsPerMinute = new long[24 * 60];
        for (int i = 0; i < minuteMs.length; i++) {
            countsPerMinute[(int) ((minuteMs[i] - midnight) / 60_000)] += counts[i];
        }
        return TrafficProfile.fromMinuteCounts(name, countsPerMinute).arrivalsMs();
    }

    /** Returns 00:00 UTC of the earliest time's day, the origin of the simulated day. */
    private static long checkOneDay(String name, long earliestMs, long latestMs) {
        long midnight = Math.floorDiv(earliestMs, DAY_MS) * DAY_MS;
        if (latestMs - midnight >= DAY_MS) {
            long days = (latestMs - midnight) / DAY_MS + 1;
            throw new IllegalArgumentException("The advisor simulates one day; " + name + " spans " + days
                    + " UTC days (" + utcDate(earliestMs) + " to " + utcDate(latestMs) + "): give one day of traffic.");
        }
        return midnight;
    }

    private static LocalDate utcDate(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /** The minute's start: in the day for HH:MM, since the epoch for an ISO-8601 instant; empty if neither. */
    private static OptionalLong minuteStartMs(String minute) {
        Matcher clock = CLOCK_MINUTE.matcher(minute);
        if (clock.matches()) {
            int hours = Integer.parseInt(clock.group(1)), minutes = Integer.parseInt(clock.group(2));
            return hours < 24 && minutes < 60 ? OptionalLong.of((hours * 60L + minutes) * 60_000)
                    : OptionalLong.empty();
        }
        OptionalLong epochMs = instantMs(minute);
        return epochMs.isPresent() ? OptionalLong.of(Math.floorDiv(epochMs.getAsLong(), 60_000L) * 60_000) : epochMs;
    }

    /** An ISO-8601 instant or epoch milliseconds (all digits), else empty. */
    private static OptionalLong instantMs(String text) {
        try {
            return OptionalLong.of(text.matches("\\d+") ? Long.parseLong(text) : Instant.parse(text).toEpochMilli());
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String columns(int count) {
        return count == 1 ? "1 column" : count + " columns";
    }

    private static IllegalArgumentException lineError(String name, Row row, String problem) {
        return new IllegalArgumentException("Traffic file " + name + ", line " + row.lineNumber() + " '" + row.line()
                + "': " + problem + ".");
    }
}
