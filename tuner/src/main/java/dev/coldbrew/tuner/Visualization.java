package dev.coldbrew.tuner;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The link Power Tuning prints: its static chart page with the data in the URL hash (never sent to the
 * server): {@code base64(Int16 powers);base64(Float32 durations ms);base64(Float32 costs USD)}, raw
 * little-endian bytes, sorted by power; {@code ?currency=CNY} for China regions.
 */
public final class Visualization {
    public static final String BASE_URL = "https://lambda-power-tuning.show/";

    private Visualization() {
    }

    public static String url(List<PowerResult> results, String region) {
        List<PowerResult> sorted = results.stream().sorted(Comparator.comparingInt(PowerResult::power)).toList();
        ByteBuffer powers = ByteBuffer.allocate(2 * sorted.size()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer durations = ByteBuffer.allocate(4 * sorted.size()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer costs = ByteBuffer.allocate(4 * sorted.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (PowerResult r : sorted) {
            powers.putShort((short) r.power());
            durations.putFloat((float) r.duration());
            costs.putFloat((float) r.cost());
        }
        Base64.Encoder b64 = Base64.getEncoder();
        String query = region != null && region.startsWith("cn-") ? "?currency=CNY" : "";
        return BASE_URL + query + "#" + b64.encodeToString(powers.array()) + ";"
                + b64.encodeToString(durations.array()) + ";" + b64.encodeToString(costs.array());
    }
}
