package ${package}.${functionPackage};

import com.amazonaws.services.lambda.runtime.Context;
import dev.coldbrew.runtime.JsonHandler;
#if( $awsService == "dynamodb" )
import dev.coldbrew.runtime.AwsClients;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
#elseif( $awsService == "s3" )
import dev.coldbrew.runtime.AwsClients;
import software.amazon.awssdk.services.s3.S3Client;
#elseif( $awsService == "sqs" )
import dev.coldbrew.runtime.AwsClients;
import software.amazon.awssdk.services.sqs.SqsClient;
#end

/**
 * The ${functionName} function. {@link JsonHandler} reads the event into {@link Request} (a malformed event
 * fails with an {@code InvalidEventException} naming the problem), writes the {@link Response} as JSON, and,
 * under SnapStart, primes this handler with {@code exemplar/event.json} before the snapshot is taken.
 */
public class ${functionClass}Handler extends JsonHandler<${functionClass}Handler.Request, ${functionClass}Handler.Response> {
    public static final int MAX_NAME_LENGTH = 100;

    /** The event. Its compact constructor rejects what the function cannot answer. */
    public record Request(String name) {
        public Request {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is required");
            }
            if (name.length() > MAX_NAME_LENGTH) {
                throw new IllegalArgumentException("name must be at most " + MAX_NAME_LENGTH + " characters, was " + name.length());
            }
        }
    }

    public record Response(String message) {
    }

    public ${functionClass}Handler() {
        super(Request.class);
        primeDuringInit();
    }

    @Override
    protected Response handle(Request event, Context context) {
        return new Response("Hello, " + event.name() + "!");
    }
#if( $awsService == "dynamodb" )

    /** The table template.yaml grants this function (GetItem, PutItem). */
    static String tableName() {
        return System.getenv("TABLE_NAME");
    }

    /** The DynamoDB client, built on first use with coldbrew's settings (region, credentials, shared HTTP client). */
    static DynamoDbClient dynamoDb() {
        return Clients.DYNAMO_DB;
    }

    private static final class Clients {
        static final DynamoDbClient DYNAMO_DB = AwsClients.create(DynamoDbClient.builder());
    }
#elseif( $awsService == "s3" )

    /** The bucket template.yaml grants this function (GetObject, PutObject). */
    static String bucketName() {
        return System.getenv("BUCKET_NAME");
    }

    /** The S3 client, built on first use with coldbrew's settings (region, credentials, shared HTTP client). */
    static S3Client s3() {
        return Clients.S3;
    }

    private static final class Clients {
        static final S3Client S3 = AwsClients.create(S3Client.builder());
    }
#elseif( $awsService == "sqs" )

    /** The queue template.yaml grants this function (SendMessage). */
    static String queueUrl() {
        return System.getenv("QUEUE_URL");
    }

    /** The SQS client, built on first use with coldbrew's settings (region, credentials, shared HTTP client). */
    static SqsClient sqs() {
        return Clients.SQS;
    }

    private static final class Clients {
        static final SqsClient SQS = AwsClients.create(SqsClient.builder());
    }
#end
}
