package dev.coldbrew.tuner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {

    @Test
    void powerValuesFromListRangeAndAll() {
        assertEquals(List.of(128, 512, 1024), PowerValues.parse("1024, 128,512,512"));
        assertEquals(List.of(128, 256, 384, 512), PowerValues.parse("128-512:128"));
        assertEquals(List.of(128, 256, 3008), PowerValues.parse("128-300:128,3008"));
        List<Integer> all = PowerValues.parse("ALL");
        assertEquals(128, all.get(0));
        assertEquals(3008, all.get(all.size() - 1));
        assertEquals(46, all.size());
    }

    @Test
    void badPowerValuesSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerValues.parse("64")).getMessage().contains("128-10240"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerValues.parse("12000")).getMessage().contains("outside"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerValues.parse("abc")).getMessage().contains("Bad power value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PowerValues.parse("1024-128:64")).getMessage().contains("range"));
        assertThrows(IllegalArgumentException.class, () -> PowerValues.parse(""));
    }

    @Test
    void plainPayloadIsRepeated() {
        List<byte[]> events = Payloads.expand("{\"rounds\": 5}", 3);
        assertEquals(3, events.size());
        assertEquals("{\"rounds\":5}", new String(events.get(2), StandardCharsets.UTF_8));
    }

    @Test
    void weightedPayloadSlotsFollowPowerTuning() {
        String weighted = "[{\"payload\":{\"a\":1},\"weight\":1},{\"payload\":{\"b\":2},\"weight\":3}]";
        List<String> events = Payloads.expand(weighted, 10).stream()
                .map(b -> new String(b, StandardCharsets.UTF_8)).toList();
        assertEquals(10, events.size());
        // floor(1·10/4) = 2 for the first, the last takes the remaining 8, in order.
        assertEquals(List.of("{\"a\":1}", "{\"a\":1}"), events.subList(0, 2));
        assertTrue(events.subList(2, 10).stream().allMatch("{\"b\":2}"::equals));
    }

    @Test
    void aListWithoutWeightsIsOnePayload() {
        List<byte[]> events = Payloads.expand("[1,2]", 2);
        assertEquals("[1,2]", new String(events.get(0), StandardCharsets.UTF_8));
    }

    @Test
    void badPayloadsSayWhy() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Payloads.expand("{rounds:", 1))
                .getMessage().startsWith("The payload is not valid JSON"));
        String weighted = "[{\"payload\":1,\"weight\":1},{\"payload\":2,\"weight\":100}]";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Payloads.expand(weighted, 5))
                .getMessage().contains("gets no invocation"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Payloads.expand(weighted, 1))
                .getMessage().contains("--num of at least 2"));
    }

    @Test
    void payloadFromFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("event.json"), "{\"x\":true}");
        assertEquals("{\"x\":true}", Payloads.read("@event.json", dir));
        assertEquals("{\"y\":1}", Payloads.read("{\"y\":1}", dir));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Payloads.read("@missing.json", dir))
                .getMessage().contains("not found"));
    }

    @Test
    void visualizationUrlHoldsLittleEndianArraysInTheHash() {
        PowerResult a = PowerResult.builder(128).invocations(1).duration(100f).billedDuration(100).cost(2.5e-7).build();
        PowerResult b = PowerResult.builder(3008).invocations(1).duration(10f).billedDuration(10).cost(5e-7).build();
        String url = Visualization.url(List.of(b, a), "us-east-1");
        String[] parts = url.substring(url.indexOf('#') + 1).split(";");
        assertTrue(url.startsWith("https://lambda-power-tuning.show/#"));
        java.nio.ByteBuffer powers = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(parts[0]))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(128, powers.getShort());
        assertEquals(3008, powers.getShort());
        java.nio.ByteBuffer durations = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(parts[1]))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(100f, durations.getFloat());
        assertEquals(10f, durations.getFloat());
        java.nio.ByteBuffer costs = java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(parts[2]))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(2.5e-7f, costs.getFloat());
        assertTrue(Visualization.url(List.of(a), "cn-north-1").contains("?currency=CNY#"));
    }

    /** An image function's default payload is the exemplar in its image, as for a zip function in its jar. */
    @Test
    void anImageFunctionsExemplarIsReadFromItsImage() throws Exception {
        Path project = Path.of(System.getProperty("coldbrew.root", "..")).toAbsolutePath().normalize();
        Path build = project.resolve("target/lambda");
        assumeTrue(Files.isRegularFile(build.resolve("DynamoDbSerialImageFunction/image.tar")),
                "no image; `make images` builds it");
        byte[] expected = Files.readAllBytes(project.resolve("reference-functions/dynamodb-serial/src/main/resources/exemplar/event.json"));
        assertEquals(new String(expected, StandardCharsets.UTF_8),
                new String(FunctionResolver.exemplarEvent(build, "DynamoDbSerialImageFunction").orElseThrow(), StandardCharsets.UTF_8));
        assertTrue(FunctionResolver.exemplarEvent(build, "NoSuchFunction").isEmpty());
    }
}
