package dev.coldbrew.functions.dynamodb;

import com.amazonaws.services.lambda.runtime.Context;
import dev.coldbrew.runtime.AwsClients;
import dev.coldbrew.runtime.ConfigurationException;
import dev.coldbrew.runtime.DownstreamException;
import dev.coldbrew.runtime.JsonHandler;
import dev.coldbrew.runtime.NotFoundException;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Three dependent DynamoDB reads in series: the customer names their last order, the order names its
 * product. Each call waits for the previous answer, so the duration is three round trips plus the SDK's
 * signing and (de)serialisation, which is the part more memory (CPU) speeds up.
 */
public class DynamoDbSerialHandler extends JsonHandler<DynamoDbSerialHandler.Request, DynamoDbSerialHandler.Response> {
    public record Request(String customerId) {
        public Request {
            if (customerId == null || !customerId.matches("[A-Za-z0-9-]{1,64}")) {
                throw new IllegalArgumentException("customerId must be 1-64 letters, digits or dashes, was " + customerId);
            }
        }
    }

    public record Response(String customerId, String customerName, String orderId, long quantity,
                           String productId, String productName, long priceCents, long totalCents) {
    }

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbSerialHandler() {
        this(AwsClients.create(DynamoDbClient.builder()), ConfigurationException.requireEnv("TABLE_NAME"));
        primeDuringInit();
    }

    public DynamoDbSerialHandler(DynamoDbClient dynamoDb, String tableName) {
        super(Request.class);
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    @Override
    protected Response handle(Request event, Context context) {
        Map<String, AttributeValue> customer = get("CUSTOMER#" + event.customerId(), "customer " + event.customerId());
        String orderId = text(customer, "lastOrderId");
        Map<String, AttributeValue> order = get("ORDER#" + orderId, "order " + orderId + " (last order of customer " + event.customerId() + ")");
        String productId = text(order, "productId");
        Map<String, AttributeValue> product = get("PRODUCT#" + productId, "product " + productId + " (of order " + orderId + ")");

        long quantity = number(order, "quantity");
        long price = number(product, "priceCents");
        return new Response(event.customerId(), text(customer, "name"), orderId, quantity,
                productId, text(product, "name"), price, quantity * price);
    }

    private Map<String, AttributeValue> get(String key, String what) {
        try {
            Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(tableName).key(Map.of("pk", AttributeValue.fromS(key)))).item();
            if (item == null || item.isEmpty()) {
                throw new NotFoundException(what + " not found");
            }
            return item;
        } catch (ResourceNotFoundException e) {
            throw new DownstreamException("DynamoDB table " + tableName + " does not exist (check TABLE_NAME)", e);
        } catch (SdkException e) {
            throw new DownstreamException("DynamoDB GetItem for " + what + " failed: " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null || value.s() == null) {
            throw new DownstreamException("item " + item.get("pk").s() + " has no text attribute " + attribute);
        }
        return value.s();
    }

    private static long number(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item.get(attribute);
        if (value == null || value.n() == null) {
            throw new DownstreamException("item " + item.get("pk").s() + " has no number attribute " + attribute);
        }
        return Long.parseLong(value.n());
    }
}
