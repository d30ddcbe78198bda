package dev.coldbrew.runtime;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds AWS SDK v2 clients the way a cold start wants them: region straight from {@code AWS_REGION},
 * one explicit credentials provider instead of the default chain's probing, and one HTTP client shared by
 * every SDK client in the process.
 *
 * <p>Credentials: a SnapStart function gets its role credentials from the container credentials endpoint
 * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}), not from environment keys, because keys captured in a
 * snapshot would go stale. Other functions get them as environment variables.
 *
 * <p>HTTP: URLConnection by default (smallest layer and fastest start, see docs/patterns.md);
 * {@code COLDBREW_HTTP_CLIENT=crt} selects the AWS CRT client if its jar is on the classpath.
 */
public final class AwsClients {
    public static final String HTTP_CLIENT_VARIABLE = "COLDBREW_HTTP_CLIENT";

    private static volatile SdkHttpClient sharedHttpClient;

    private AwsClients() {
    }

    /** A client of any service, e.g. {@code AwsClients.create(DynamoDbClient.builder())}. */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C create(B builder) {
        return configure(builder).build();
    }

    /** The builder with coldbrew's settings applied, for callers that add their own (endpoint, retries). */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(B builder) {
        builder.region(region());
        builder.credentialsProvider(credentials());
        builder.httpClient(httpClient());
        return builder;
    }

    public static Region region() {
        String region = SdkSystemSetting.AWS_REGION.getStringValue()
                .orElseThrow(() -> new ConfigurationException("AWS_REGION is not set (Lambda always sets it; set it or -Daws.region for local runs)."));
        return Region.of(region);
    }

    public static AwsCredentialsProvider credentials() {
        String containerUri = System.getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        if (containerUri != null && !containerUri.isEmpty()) {
            return ContainerCredentialsProvider.builder().build();
        }
        return EnvironmentVariableCredentialsProvider.create();
    }

    public static SdkHttpClient httpClient() {
        SdkHttpClient client = sharedHttpClient;
        if (client == null) {
            synchronized (AwsClients.class) {
                client = sharedHttpClient;
                if (client == null) {
                    client = newHttpClient(System.getenv(HTTP_CLIENT_VARIABLE));
                    sharedHttpClient = client;
                }
            }
        }
        return client;
    }

    static SdkHttpClient newHttpClient(String choice) {
        if (choice == null || choice.isEmpty() || choice.equalsIgnoreCase("urlconnection")) {
            return UrlConnectionHttpClient.create();
        }
        if (choice.equalsIgnoreCase("crt")) {
            try {
                return CrtClient.create();
            } catch (NoClassDefFoundError e) {
                throw new ConfigurationException(HTTP_CLIENT_VARIABLE + "=crt but the aws-crt-client jar is not on the classpath.");
            }
        }
        throw new ConfigurationException(HTTP_CLIENT_VARIABLE + "=" + choice + " is not supported; use urlconnection or crt.");
    }

    /** Separate class so the CRT classes load only when CRT is chosen. */
    private static final class CrtClient {
        static SdkHttpClient create() {
            return software.amazon.awssdk.http.crt.AwsCrtHttpClient.create();
        }
    }
}
