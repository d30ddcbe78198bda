package dev.coldbrew.local;

import dev.coldbrew.runtime.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The DynamoDB-serial workload's data (customers → orders → products, single-table, hash key {@code pk}),
 * from {@code reference-table.json}. The table shape matches ReferenceTable in template.yaml.
 */
public final class ReferenceData {
    public static final String KEY = "pk";

    private ReferenceData() {
    }

    public static void createAndLoad(DynamoDbClient client, String tableName) {
        client.createTable(b -> b.tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(KEY).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build()));
        client.waiter().waitUntilTableExists(b -> b.tableName(tableName));
        for (Map<String, Object> item : items()) {
            client.putItem(b -> b.tableName(tableName).item(toAttributes(item)));
        }
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> items() {
        try (InputStream in = ReferenceData.class.getResourceAsStream("/reference-table.json")) {
            return (List<Map<String, Object>>) Json.tree(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
