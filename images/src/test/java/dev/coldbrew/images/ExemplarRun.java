package dev.coldbrew.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import dev.coldbrew.local.DynamoDbLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs an unpacked image's command as Lambda would, with no Docker: against a Runtime API on 127.0.0.1 that hands
 * it the DynamoDB-serial function's exemplar event, with DynamoDB Local (the real engine, seeded with the
 * reference data) behind TLS as its DynamoDB endpoint, and checks that it answers with the exemplar's response.
 */
final class ExemplarRun {
    static final String FUNCTION = "DynamoDbSerialImageFunction";
    private static final String TABLE = "coldbrew-reference";
    /** Bounds a hung run only; a healthy one answers in a few seconds. */
    static final long RUN_LIMIT_SECONDS = 30;

    private ExemplarRun() {
    }

    /**
     * @param imageEnvironment what the image's configuration sets; Lambda's variables are added to it
     * @param handler          the handler as Lambda's {@code _HANDLER} gives it
     */
    static void answersTheExemplar(Path project, Path root, String workingDirectory, List<String> command,
            Map<String, String> imageEnvironment, String handler, Path directory) throws Exception {
        Path function = project.resolve("reference-functions/dynamodb-serial");
        byte[] event = Files.readAllBytes(function.resolve("src/main/resources/exemplar/event.json"));
        Path log = directory.resolve("function.log");
        try (DynamoDbLocal dynamo = DynamoDbLocal.start()) {
            dynamo.createTable(TABLE, List.of(Map.of("AttributeName", "pk", "AttributeType", "S")),
                    List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")));
            dynamo.seed(TABLE, function.resolve("reference-table.json"));
            try (TlsFront tls = TlsFront.start(dynamo.endpoint(), directory); RuntimeApiStub api = new RuntimeApiStub(event)) {
                // Into the unpacked root, not the image: the test's trust store, and the name of the TLS front in
                // /etc/hosts, as a container runtime writes that file (glibc resolves it with no NSS module).
                Path trustStore = Files.createDirectories(root.resolve("image-test")).resolve("truststore.p12");
                Files.copy(tls.trustStore(), trustStore, StandardCopyOption.REPLACE_EXISTING);
                Files.writeString(Files.createDirectories(root.resolve("etc")).resolve("hosts"), "127.0.0.1 " + TlsFront.HOST + "\n");

                Map<String, String> environment = new LinkedHashMap<>(imageEnvironment);
                environment.putAll(lambdaEnvironment(api.address(), handler));
                environment.put("TABLE_NAME", TABLE);
                environment.put("AWS_ENDPOINT_URL_DYNAMODB", tls.endpoint().toString());
                environment.put("AWS_ACCESS_KEY_ID", DynamoDbLocal.ACCESS_KEY);
                environment.put("AWS_SECRET_ACCESS_KEY", DynamoDbLocal.SECRET_KEY);
                environment.put("JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=/image-test/truststore.p12 "
                        + "-Djavax.net.ssl.trustStorePassword=" + TlsFront.PASSWORD);

                Process runtime = ContainerRun.start(root, workingDirectory, command, environment, log);
                try {
                    // Whichever comes first: what the runtime posts, or the runtime's end (a crash, a missing library).
                    CompletableFuture.anyOf(api.outcome(), runtime.onExit()).get(RUN_LIMIT_SECONDS, TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    throw new AssertionError("nothing posted within " + RUN_LIMIT_SECONDS + " s:\n" + Files.readString(log), e);
                } finally {
                    ContainerRun.stop(runtime);
                }
                assertTrue(api.outcome().isDone(), "the runtime ended without posting anything:\n" + Files.readString(log));
                RuntimeApiStub.Outcome outcome = api.outcome().join();
                String output = Files.readString(log);
                assertFalse(output.matches("(?s).*(UnsatisfiedLinkError|ClassNotFoundException|NoClassDefFoundError"
                        + "|error while loading shared libraries|SSLHandshakeException).*"), output);
                assertEquals("response", outcome.kind(), outcome + "\n" + output);
                assertEquals(JSON.std.mapFrom(Files.readString(function.resolve("src/main/resources/exemplar/response.json"))),
                        JSON.std.mapFrom(outcome.body()), output);
                assertTrue(tls.handshakes() >= 1, "the function reached DynamoDB through TLS");
            }
        }
    }

    /** What Lambda sets in every execution environment (an image may set LAMBDA_TASK_ROOT, LANG and TZ itself). */
    private static Map<String, String> lambdaEnvironment(String runtimeApi, String handler) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        environment.put("AWS_REGION", "us-east-1");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION);
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + FUNCTION);
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "image-test");
        environment.put("_HANDLER", handler);
        return environment;
    }
}
