package dev.coldbrew.tuner;

import dev.coldbrew.lambda.function.LambdaLimits;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Memory sizes to test, parsed from a comma list ({@code 128,512,1024}), a range with a step
 * ({@code 128-1024:128}), or {@code all} (Power Tuning's set: 128 to 3008 in steps of 64). Lambda accepts
 * 128 to 10240 MB.
 */
public final class PowerValues {
    private static final int MIN_MB = LambdaLimits.MIN_MEMORY_MB;
    private static final int MAX_MB = LambdaLimits.MAX_MEMORY_MB;
    private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*-\\s*(\\d+)\\s*:\\s*(\\d+)");

    private PowerValues() {
    }

    public static List<Integer> all() {
        return IntStream.iterate(MIN_MB, p -> p <= 3008, p -> p + 64).boxed().toList();
    }

    public static List<Integer> parse(String text) {
        String spec = text == null ? "" : text.strip();
        if (spec.isEmpty()) {
            throw new IllegalArgumentException("No power values given; use e.g. 128,512,1024, 128-1024:128 or all.");
        }
        if (spec.equalsIgnoreCase("all")) {
            return all();
        }
        TreeSet<Integer> values = new TreeSet<>();
        for (String part : spec.split(",")) {
            String item = part.strip();
            Matcher range = RANGE.matcher(item);
            if (range.matches()) {
                int from = checked(range.group(1), item), to = checked(range.group(2), item);
                int step = Integer.parseInt(range.group(3));
                if (step <= 0 || from > to) {
                    throw new IllegalArgumentException("Bad power range '" + item
                            + "': write FROM-TO:STEP with FROM <= TO and STEP > 0, e.g. 128-1024:128.");
                }
                for (int p = from; p <= to; p += step) {
                    values.add(p);
                }
            } else {
                values.add(checked(item, item));
            }
        }
        return List.copyOf(values);
    }

    private static int checked(String number, String item) {
        int mb;
        try {
            mb = Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Bad power value '" + item
                    + "': use memory sizes in MB (128,512), a range (128-1024:128) or all.");
        }
        if (mb < MIN_MB || mb > MAX_MB) {
            throw new IllegalArgumentException("Power value " + mb + " MB is outside Lambda's range "
                    + MIN_MB + "-" + MAX_MB + " MB.");
        }
        return mb;
    }
}
