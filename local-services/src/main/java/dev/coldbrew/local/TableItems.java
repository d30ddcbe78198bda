package dev.coldbrew.local;

import dev.coldbrew.runtime.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Seed items for a table: a JSON array of flat objects, each an item, numbers stored as {@code N} and
 * everything else as {@code S} (enough for the key-value data a local run needs).
 */
public final class TableItems {
    private TableItems() {
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> read(Path file) {
        try {
            Object items = Json.tree(Files.readAllBytes(file));
            if (!(items instanceof List<?> list) || !list.stream().allMatch(Map.class::isInstance)) {
                throw new IllegalArgumentException(file + " must hold a JSON array of objects, one per item.");
            }
            return (List<Map<String, Object>>) items;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed items " + file + ": " + e.getMessage(), e);
        }
    }

    public static void put(DynamoDbClient client, String tableName, List<Map<String, Object>> items) {
        for (Map<String, Object> item : items) {
            client.putItem(b -> b.tableName(tableName).item(toAttributes(item)));
        }
    }

    private static Map<String, AttributeValue> toAttributes(Map<String, Object> item) {
        Map<String, AttributeValue> attributes = new LinkedHashMap<>();
        item.forEach((name, value) -> attributes.put(name, value instanceof Number
                ? AttributeValue.fromN(value.toString())
                : AttributeValue.fromS(String.valueOf(value))));
        return attributes;
    }
}
