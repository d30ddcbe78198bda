package dev.coldbrew.functions.dynamodb;

import static dev.coldbrew.runtime.testing.ExemplarAssertions.assertAnswersItsExemplar;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.local.DynamoDbLocal;
import dev.coldbrew.runtime.DownstreamException;
import dev.coldbrew.runtime.InvalidEventException;
import dev.coldbrew.runtime.testing.LocalInvoke;
import dev.coldbrew.runtime.NotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Against DynamoDB Local: the real engine, seeded with the reference data, on 127.0.0.1. */
class DynamoDbSerialHandlerTest {
    private static final String TABLE = "coldbrew-reference";
    private static DynamoDbLocal dynamo;
    private static DynamoDbClient client;
    private static DynamoDbSerialHandler handler;

    @BeforeAll
    static void startDynamoDbLocal() throws Exception {
        dynamo = DynamoDbLocal.start();
        // The reference table as template.yaml declares it, with the data local-services.yaml seeds it with.
        dynamo.createTable(TABLE, List.of(Map.of("AttributeName", "pk", "AttributeType", "S")),
                List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")));
        dynamo.seed(TABLE, Path.of("reference-table.json"));
        client = dynamo.client();
        handler = new DynamoDbSerialHandler(client, TABLE);
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        client.close();
        dynamo.close();
    }

    @Test
    void answersItsExemplar() throws Exception {
        assertAnswersItsExemplar(handler);
    }

    @Test
    void followsTheChainForAnotherCustomer() throws Exception {
        String response = LocalInvoke.invoke(handler, "{\"customerId\":\"c-200\"}");
        assertTrue(response.contains("\"productName\":\"Paper filters, 100\"") && response.contains("\"totalCents\":399"), response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"customerId\":\"\"}", "{\"customerId\":\"a b\"}", "{\"customer\":\"c-100\"}", "[]"})
    void rejectsMalformedEvents(String event) {
        assertThrows(InvalidEventException.class, () -> LocalInvoke.invoke(handler, event));
    }

    @Test
    void missingCustomerIsNotFound() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> LocalInvoke.invoke(handler, "{\"customerId\":\"c-999\"}"));
        assertTrue(e.getMessage().contains("customer c-999 not found"), e.getMessage());
    }

    @Test
    void missingItemMidChainNamesTheBrokenLink() {
        NotFoundException e = assertThrows(NotFoundException.class, () -> LocalInvoke.invoke(handler, "{\"customerId\":\"c-300\"}"));
        assertTrue(e.getMessage().contains("order o-9999 (last order of customer c-300) not found"), e.getMessage());
    }

    @Test
    void missingTableIsADownstreamError() {
        DynamoDbSerialHandler wrongTable = new DynamoDbSerialHandler(client, "no-such-table");
        DownstreamException e = assertThrows(DownstreamException.class, () -> LocalInvoke.invoke(wrongTable, "{\"customerId\":\"c-100\"}"));
        assertTrue(e.getMessage().contains("no-such-table does not exist"), e.getMessage());
    }
}
