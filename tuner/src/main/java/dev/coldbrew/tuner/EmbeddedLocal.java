package dev.coldbrew.tuner;

import dev.coldbrew.local.DynamoDbLocal;
import dev.coldbrew.local.LocalHttpEndpoint;
import dev.coldbrew.locallambda.LocalLambda;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the reference functions need on this machine: DynamoDB Local with the reference table, the
 * local HTTP endpoint the network-bound function calls, and the local Lambda emulator serving the template
 * on a free loopback port. Closed in reverse order.
 */
public final class EmbeddedLocal implements AutoCloseable {
    /** The template's table resource; the emulator resolves {@code !Ref ReferenceTable} to this name. */
    static final String TABLE = "ReferenceTable";

    private final DynamoDbLocal dynamoDb;
    private final LocalHttpEndpoint downstream;
    private final LocalLambda lambda;

    private EmbeddedLocal(DynamoDbLocal dynamoDb, LocalHttpEndpoint downstream, LocalLambda lambda) {
        this.dynamoDb = dynamoDb;
        this.downstream = downstream;
        this.lambda = lambda;
    }

    public static EmbeddedLocal start(Path template, Path buildDir) throws Exception {
        DynamoDbLocal dynamoDb = DynamoDbLocal.start();
        LocalHttpEndpoint downstream = null;
        try {
            dynamoDb.createReferenceTable(TABLE);
            downstream = LocalHttpEndpoint.start();
            LocalLambda lambda = LocalLambda.start(LocalLambda.options(template, buildDir)
                    .withPort(0)
                    .withParameterOverrides(Map.of("DownstreamUrl", downstream.baseUri().toString()))
                    .withEnvironmentOverrides(Map.of(
                            "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString(),
                            "AWS_ACCESS_KEY_ID", DynamoDbLocal.ACCESS_KEY,
                            "AWS_SECRET_ACCESS_KEY", DynamoDbLocal.SECRET_KEY))
                    .withLogSink(line -> { }));
            return new EmbeddedLocal(dynamoDb, downstream, lambda);
        } catch (Exception | Error e) {
            if (downstream != null) {
                downstream.close();
            }
            dynamoDb.close();
            throw e;
        }
    }

    public URI endpoint() {
        return lambda.endpoint();
    }

    /** How CPU is limited; results from an unthrottled emulator do not show Lambda's memory→CPU shape. */
    public String limits() {
        return lambda.throttled() ? lambda.limits() : "UNTHROTTLED (no cgroup CPU limits on this machine)";
    }

    public boolean throttled() {
        return lambda.throttled();
    }

    @Override
    public void close() {
        lambda.close();
        downstream.close();
        dynamoDb.close();
    }
}
