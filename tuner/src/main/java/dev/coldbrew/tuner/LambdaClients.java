package dev.coldbrew.tuner;

import dev.coldbrew.locallambda.LocalLambda;
import dev.coldbrew.locallambda.LocalLambdaClients;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.LambdaClientBuilder;

/** The Lambda API clients a run uses: AWS in a region, or a local emulator. */
final class LambdaClients {
    /** The region a local emulator answers in. */
    static final String LOCAL_REGION = LocalLambda.REGION;

    private LambdaClients() {
    }

    /** AWS, with credentials from the default chain. */
    static LambdaClient aws(String region) {
        return builder(region).build();
    }

    /** A local emulator's Lambda API, which takes any credentials. */
    static LambdaClient local(URI endpoint) {
        return LocalLambdaClients.create(endpoint);
    }

    /** The region the AWS configuration names (environment, profile), if any. */
    static Optional<String> defaultRegion() {
        try {
            return Optional.of(new DefaultAwsRegionProviderChain().getRegion().id());
        } catch (SdkException e) {
            return Optional.empty();
        }
    }

    private static LambdaClientBuilder builder(String region) {
        return LambdaClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(15)) // Lambda's longest timeout
                        .build())
                .region(Region.of(region));
    }
}
