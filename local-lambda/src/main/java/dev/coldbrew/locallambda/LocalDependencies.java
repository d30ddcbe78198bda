package dev.coldbrew.locallambda;

import dev.coldbrew.local.DynamoDbLocal;
import dev.coldbrew.local.LocalHttpEndpoint;
import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The services the template's functions call, started locally and wired in: DynamoDB Local with every
 * {@code AWS::DynamoDB::Table} of the template created (under the name {@code !Ref} resolves to) and seeded
 * with the reference data, and the local HTTP endpoint as the {@code DownstreamUrl} parameter.
 */
public final class LocalDependencies implements AutoCloseable {
    static final String DOWNSTREAM_PARAMETER = "DownstreamUrl";

    private final DynamoDbLocal dynamoDb;
    private final LocalHttpEndpoint http;
    private final Map<String, String> tables;

    private LocalDependencies(DynamoDbLocal dynamoDb, LocalHttpEndpoint http, Map<String, String> tables) {
        this.dynamoDb = dynamoDb;
        this.http = http;
        this.tables = tables;
    }

    public static LocalDependencies start(Path template, String region) throws IOException {
        Map<String, String> tables = SamTemplate.load(template, Path.of("."), Map.of(), new Arns(region, Arns.LOCAL_ACCOUNT)).dynamoDbTables();
        LocalHttpEndpoint http = LocalHttpEndpoint.start();
        DynamoDbLocal dynamoDb;
        try {
            dynamoDb = DynamoDbLocal.start();
        } catch (IOException | RuntimeException | Error e) {
            http.close();
            throw e;
        }
        try {
            tables.values().forEach(dynamoDb::createReferenceTable);
        } catch (RuntimeException | Error e) {
            dynamoDb.close();
            http.close();
            throw e;
        }
        return new LocalDependencies(dynamoDb, http, tables);
    }

    /** The options with these services wired in: parameter and environment overrides added. */
    public LocalLambda.Options applyTo(LocalLambda.Options options) {
        Map<String, String> parameters = new LinkedHashMap<>(options.parameterOverrides());
        if (SamTemplate.declaresParameter(options.template(), DOWNSTREAM_PARAMETER)) {
            parameters.putIfAbsent(DOWNSTREAM_PARAMETER, http.baseUri().toString());
        }
        Map<String, String> environment = new LinkedHashMap<>(options.environmentOverrides());
        // The SDK v2 honours service-specific endpoint variables; DynamoDB Local keeps one database per key.
        environment.putIfAbsent("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
        environment.putIfAbsent("AWS_ACCESS_KEY_ID", DynamoDbLocal.ACCESS_KEY);
        environment.putIfAbsent("AWS_SECRET_ACCESS_KEY", DynamoDbLocal.SECRET_KEY);
        return options.withParameterOverrides(parameters).withEnvironmentOverrides(environment);
    }

    public String describe() {
        return "DynamoDB Local " + dynamoDb.endpoint() + " (tables " + String.join(", ", tables.values()) + "), HTTP endpoint " + http.baseUri();
    }

    @Override
    public void close() {
        dynamoDb.close();
        http.close();
    }
}
