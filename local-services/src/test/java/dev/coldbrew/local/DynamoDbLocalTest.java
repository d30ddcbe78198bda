package dev.coldbrew.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DynamoDbLocalTest {
    @Test
    void runsTheRealEngineOnLoopbackAndStopsWithItsProcess() throws Exception {
        long pid;
        try (DynamoDbLocal dynamo = DynamoDbLocal.start(); DynamoDbClient client = dynamo.client()) {
            pid = dynamo.pid();
            assertEquals("127.0.0.1", dynamo.endpoint().getHost());
            dynamo.createTable("orders-test", List.of(Map.of("AttributeName", "pk", "AttributeType", "S")),
                    List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")));
            dynamo.seed("orders-test", seedFile());
            var product = client.getItem(b -> b.tableName("orders-test").key(Map.of("pk", AttributeValue.fromS("PRODUCT#p-42")))).item();
            assertEquals("1450", product.get("priceCents").n(), "numbers are stored as N");
            assertEquals("Cold brew", product.get("name").s());
            assertEquals(2, client.scan(b -> b.tableName("orders-test")).count());

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

    @TempDir
    static Path dir;

    private static Path seedFile() throws Exception {
        return Files.writeString(dir.resolve("items.json"), """
                [{"pk": "PRODUCT#p-42", "name": "Cold brew", "priceCents": 1450},
                 {"pk": "CUSTOMER#c-1", "name": "Ada"}]
                """);
    }

    @Test
    void seedFilesMustBeAnArrayOfItems() throws Exception {
        Path notItems = Files.writeString(dir.resolve("object.json"), "{\"pk\": \"x\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TableItems.read(notItems));
        assertTrue(e.getMessage().contains("JSON array of objects"), e.getMessage());
    }
}
