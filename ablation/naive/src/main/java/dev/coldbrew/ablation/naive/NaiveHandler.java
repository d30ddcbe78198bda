package dev.coldbrew.ablation.naive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB-serial workload as a newcomer writes it from the Lambda developer guide's Java handler
 * examples ("Define Lambda function handler in Java", https://docs.aws.amazon.com/lambda/latest/dg/java-handler.html,
 * its OrderHandler example: a {@code RequestHandler} with POJO input, the SDK client built once outside
 * the handler method with {@code builder().build()}, which is {@code create()}): default region and
 * credential chains, the HTTP client the {@code dynamodb} dependency brings, the runtime's own serialization.
 */
public class NaiveHandler implements RequestHandler<Map<String, String>, Map<String, Object>> {
    private final DynamoDbClient dynamoDb = DynamoDbClient.create();
    private final String tableName = System.getenv("TABLE_NAME");

    @Override
    public Map<String, Object> handleRequest(Map<String, String> event, Context context) {
        String customerId = event.get("customerId");
        Map<String, AttributeValue> customer = get("CUSTOMER#" + customerId);
        String orderId = customer.get("lastOrderId").s();
        Map<String, AttributeValue> order = get("ORDER#" + orderId);
        String productId = order.get("productId").s();
        Map<String, AttributeValue> product = get("PRODUCT#" + productId);
        long quantity = Long.parseLong(order.get("quantity").n());
        long price = Long.parseLong(product.get("priceCents").n());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("customerId", customerId);
        response.put("customerName", customer.get("name").s());
        response.put("orderId", orderId);
        response.put("quantity", quantity);
        response.put("productId", productId);
        response.put("productName", product.get("name").s());
        response.put("priceCents", price);
        response.put("totalCents", quantity * price);
        return response;
    }

    private Map<String, AttributeValue> get(String key) {
        return dynamoDb.getItem(b -> b.tableName(tableName).key(Map.of("pk", AttributeValue.fromS(key)))).item();
    }
}
