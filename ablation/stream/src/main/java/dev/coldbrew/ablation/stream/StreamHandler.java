package dev.coldbrew.ablation.stream;

import com.amazonaws.services.lambda.runtime.Context;
import dev.coldbrew.runtime.JsonHandler;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Step 2 of the ablation: the naive code's client ({@code DynamoDbClient.create()}, default chains), but
 * events and responses through coldbrew's {@link JsonHandler} (a stream handler with jackson-jr records)
 * instead of the runtime's POJO serialization. The SDK's client comes from the shared layer, where only
 * the URLConnection HTTP client is.
 */
public class StreamHandler extends JsonHandler<StreamHandler.Request, StreamHandler.Response> {
    public record Request(String customerId) {
    }

    public record Response(String customerId, String customerName, String orderId, long quantity,
                           String productId, String productName, long priceCents, long totalCents) {
    }

    private final DynamoDbClient dynamoDb = DynamoDbClient.create();
    private final String tableName = System.getenv("TABLE_NAME");

    public StreamHandler() {
        super(Request.class);
    }

    @Override
    protected boolean primeWithExemplar() {
        return false;
    }

    @Override
    protected Response handle(Request event, Context context) {
        Map<String, AttributeValue> customer = get("CUSTOMER#" + event.customerId());
        String orderId = customer.get("lastOrderId").s();
        Map<String, AttributeValue> order = get("ORDER#" + orderId);
        String productId = order.get("productId").s();
        Map<String, AttributeValue> product = get("PRODUCT#" + productId);
        long quantity = Long.parseLong(order.get("quantity").n());
        long price = Long.parseLong(product.get("priceCents").n());
        return new Response(event.customerId(), customer.get("name").s(), orderId, quantity, productId,
                product.get("name").s(), price, quantity * price);
    }

    private Map<String, AttributeValue> get(String key) {
        return dynamoDb.getItem(b -> b.tableName(tableName).key(Map.of("pk", AttributeValue.fromS(key)))).item();
    }
}
