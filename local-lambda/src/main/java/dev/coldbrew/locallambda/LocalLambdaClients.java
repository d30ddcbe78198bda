package dev.coldbrew.locallambda;

import dev.coldbrew.lambda.function.LambdaLimits;
import dev.coldbrew.lambda.report.ReportLine;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * The AWS SDK's Lambda client pointed at a local Lambda (this emulator), as an integration test or a tool
 * builds it: static keys (the emulator checks none), the emulator's region, one URLConnection HTTP client that
 * waits as long as Lambda's longest function timeout. Plus the tail-log helpers tests read invokes with.
 */
public final class LocalLambdaClients {
    /** A log sink that drops platform and function output; tests read it from the tail log instead. */
    public static final Consumer<String> QUIET = line -> {
    };

    private LocalLambdaClients() {
    }

    public static LambdaClient create(URI endpoint) {
        Duration longestInvoke = Duration.ofSeconds(LambdaLimits.MAX_TIMEOUT_SECONDS + 60);
        return LambdaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(LocalLambda.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(longestInvoke).build())
                .overrideConfiguration(config -> config.apiCallTimeout(longestInvoke))
                .build();
    }

    /** Invokes with the log tail (the last 4 KB of the invoke's log, as Lambda returns it). */
    public static InvokeResponse invoke(LambdaClient client, String function, String payload) {
        return client.invoke(request -> request.functionName(function).logType(LogType.TAIL)
                .payload(SdkBytes.fromString(payload, StandardCharsets.UTF_8)));
    }

    public static String log(InvokeResponse response) {
        return new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }

    /** The REPORT record of the invoke's tail log. */
    public static ReportLine report(InvokeResponse response) {
        return ReportLine.find(log(response)).orElseThrow(() -> new AssertionError("No REPORT line in log:\n" + log(response)));
    }
}
