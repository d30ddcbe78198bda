package dev.coldbrew.tuner;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The events sent at each power value. A payload is inline JSON, {@code @file} holding JSON, or a weighted
 * list {@code [{"payload":…, "weight":3}, …]}: as in Power Tuning, each entry gets
 * {@code floor(weight × num / total)} of the {@code num} slots, the last takes the rest, in order.
 */
public final class Payloads {
    private Payloads() {
    }

    /** Reads the option value ({@code @file} or inline JSON) and returns the JSON text. */
    public static String read(String option, Path workingDir) {
        if (option.startsWith("@")) {
            Path file = workingDir.resolve(option.substring(1));
            try {
                return Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("Payload file not found: " + file);
            } catch (IOException e) {
                throw new IllegalArgumentException("Cannot read payload file " + file + ": " + e.getMessage());
            }
        }
        return option;
    }

    /** Expands the payload JSON into exactly {@code num} event bodies. */
    public static List<byte[]> expand(String json, int num) {
        return expand(json, num, false);
    }

    /** As {@link #expand(String, int)}; with {@code quiet} a parse error does not quote the payload. */
    public static List<byte[]> expand(String json, int num, boolean quiet) {
        Object tree;
        try {
            tree = JSON.std.anyFrom(json);
        } catch (IOException e) {
            String first = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw new IllegalArgumentException("The payload is not valid JSON" + (quiet
                    ? " (details withheld: --disable-payload-logs)." : ": " + first));
        }
        List<byte[]> events = new ArrayList<>(num);
        if (isWeighted(tree)) {
            List<?> items = (List<?>) tree;
            double total = items.stream().mapToDouble(i -> weight(i)).sum();
            if (num < items.size()) {
                throw new IllegalArgumentException("A weighted payload with " + items.size()
                        + " entries needs --num of at least " + items.size() + ".");
            }
            for (int i = 0; i < items.size(); i++) {
                int slots = i == items.size() - 1 ? num - events.size()
                        : (int) Math.floor(weight(items.get(i)) * num / total);
                if (slots < 1) {
                    throw new IllegalArgumentException("Weighted payload entry " + (i + 1)
                            + " gets no invocation at --num " + num + "; raise --num or its weight.");
                }
                byte[] body = bytes(((Map<?, ?>) items.get(i)).get("payload"));
                for (int s = 0; s < slots; s++) {
                    events.add(body);
                }
            }
            return events;
        }
        byte[] body = bytes(tree);
        for (int i = 0; i < num; i++) {
            events.add(body);
        }
        return events;
    }

    /** Weighted only if every entry is an object with a payload and a positive numeric weight. */
    private static boolean isWeighted(Object tree) {
        return tree instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(i ->
                i instanceof Map<?, ?> m && m.containsKey("payload") && weight(m) > 0);
    }

    private static double weight(Object item) {
        return item instanceof Map<?, ?> m && m.get("weight") instanceof Number n ? n.doubleValue() : 0;
    }

    private static byte[] bytes(Object value) {
        try {
            return JSON.std.asBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot encode payload: " + e.getMessage());
        }
    }
}
