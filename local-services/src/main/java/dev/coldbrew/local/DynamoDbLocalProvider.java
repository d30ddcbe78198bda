package dev.coldbrew.local;

import dev.coldbrew.lambda.template.SamTemplate;
import dev.coldbrew.locallambda.services.LocalService;
import dev.coldbrew.locallambda.services.LocalServiceContext;
import dev.coldbrew.locallambda.services.LocalServiceProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code dynamodb}: DynamoDB Local when the template has {@code AWS::DynamoDB::Table} resources, each created
 * under the name {@code !Ref} gives it with the template's key schema. Its section may name seed files:
 * <pre>
 * dynamodb:
 *   seed:
 *     ReferenceTable: path/to/items.json   # relative to the local-services file
 *   engine: dir   # DynamoDB Local's jars and native libraries; default: what coldbrew's build copies
 * </pre>
 */
public final class DynamoDbLocalProvider implements LocalServiceProvider {
    @Override
    public String name() {
        return "dynamodb";
    }

    @Override
    public LocalService start(LocalServiceContext context) throws IOException {
        List<SamTemplate.Table> tables = context.template().dynamoDbTables();
        Map<?, ?> seeds = context.configuration().get("seed") instanceof Map<?, ?> m ? m : Map.of();
        for (Object logicalId : seeds.keySet()) {
            if (tables.stream().noneMatch(t -> t.logicalId().equals(logicalId))) {
                throw new IllegalArgumentException("dynamodb.seed names " + logicalId + ", which is not a DynamoDB table of the template.");
            }
            Path file = context.baseDirectory().resolve(String.valueOf(seeds.get(logicalId)));
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("dynamodb.seed: " + file + " (for " + logicalId + ") does not exist.");
            }
        }
        if (tables.isEmpty()) {
            return null;
        }
        String engine = context.setting("engine");
        DynamoDbLocal dynamoDb = DynamoDbLocal.start(engine == null ? null : context.baseDirectory().resolve(engine));
        try {
            for (SamTemplate.Table table : tables) {
                dynamoDb.createTable(table.name(), table.attributeDefinitions(), table.keySchema());
                Object seed = seeds.get(table.logicalId());
                if (seed != null) {
                    dynamoDb.seed(table.name(), context.baseDirectory().resolve(String.valueOf(seed)));
                }
            }
        } catch (RuntimeException | Error e) {
            dynamoDb.close();
            throw e;
        }
        String names = String.join(", ", tables.stream().map(SamTemplate.Table::name).toList());
        Set<String> logicalIds = tables.stream().map(SamTemplate.Table::logicalId).collect(Collectors.toUnmodifiableSet());
        return new LocalService() {
            @Override
            public Set<String> resources() {
                return logicalIds;
            }

            @Override
            public Map<String, String> environment() {
                // The SDK v2 honours service-specific endpoint variables; DynamoDB Local keeps one database per key.
                return Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString(),
                        "AWS_ACCESS_KEY_ID", DynamoDbLocal.ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY", DynamoDbLocal.SECRET_KEY);
            }

            @Override
            public String describe() {
                return "DynamoDB Local " + dynamoDb.endpoint() + " (tables " + names + ")";
            }

            @Override
            public void close() {
                dynamoDb.close();
            }
        };
    }
}
