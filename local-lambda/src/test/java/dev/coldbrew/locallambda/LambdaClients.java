package dev.coldbrew.locallambda;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/** The AWS SDK's Lambda client pointed at the emulator, as a user's integration test would build it. */
final class LambdaClients {
    /** Platform and function output stays out of the build log; tests read it from the tail log instead. */
    static final java.util.function.Consumer<String> QUIET = line -> {
    };
    private LambdaClients() {
    }

    static LambdaClient create(URI endpoint) {
        return LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(java.time.Duration.ofSeconds(90)).build())
                .overrideConfiguration(config -> config.apiCallTimeout(java.time.Duration.ofSeconds(120)))
                .build();
    }

    static InvokeResponse invoke(LambdaClient client, String function, String payload) {
        return client.invoke(request -> request.functionName(function).logType(LogType.TAIL)
                .payload(SdkBytes.fromString(payload, StandardCharsets.UTF_8)));
    }

    static String log(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }

    /** The REPORT line of a tail log. */
    static String report(InvokeResponse response) {
        return log(response).lines().filter(line -> line.startsWith("REPORT ")).findFirst()
                .orElseThrow(() -> new AssertionError("No REPORT line in log:\n" + log(response)));
    }
}
