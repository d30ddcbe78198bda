package dev.coldbrew.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.NetworkInterface;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbLocalTest {
    @Test
    void runsTheRealEngineOnLoopbackAndStopsWithItsProcess() throws Exception {
        long pid;
        try (DynamoDbLocal dynamo = DynamoDbLocal.start(); DynamoDbClient client = dynamo.client()) {
            pid = dynamo.pid();
            assertEquals("127.0.0.1", dynamo.endpoint().getHost());
            dynamo.createReferenceTable("orders-test");
            var product = client.getItem(b -> b.tableName("orders-test").key(java.util.Map.of("pk", AttributeValue.fromS("PRODUCT#p-42")))).item();
            assertEquals("1450", product.get("priceCents").n());
            assertEquals(ReferenceData.items().size(), client.scan(b -> b.tableName("orders-test")).count());

            Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                    .filter(a -> !a.isLoopbackAddress() && a.getAddress().length == 4).findFirst();
            if (external.isPresent()) {
                assertFalse(connects(external.get(), dynamo.endpoint().getPort()), "must listen on loopback only");
            }
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "DynamoDB Local process stopped");
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void referenceDataChainsCustomerToOrderToProduct() {
        var items = ReferenceData.items();
        assertTrue(items.stream().anyMatch(i -> "CUSTOMER#c-100".equals(i.get("pk")) && "o-5001".equals(i.get("lastOrderId"))));
        assertTrue(items.stream().anyMatch(i -> "ORDER#o-5001".equals(i.get("pk")) && "p-42".equals(i.get("productId"))));
    }
}
