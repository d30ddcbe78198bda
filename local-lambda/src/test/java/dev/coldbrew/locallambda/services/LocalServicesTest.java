package dev.coldbrew.locallambda.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.locallambda.LocalLambda;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings over the local-services file, and what the functions refer to that nothing runs locally. */
class LocalServicesTest {
    private static final String TEMPLATE = """
            Resources:
              AppBucket:
                Type: AWS::S3::Bucket
              AppQueue:
                Type: AWS::SQS::Queue
              Writer:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: java21
                  Handler: a.B::handle
                  Environment:
                    Variables:
                      BUCKET_NAME: !Ref AppBucket
                      QUEUE_URL: !Ref AppQueue
              Reader:
                Type: AWS::Serverless::Function
                Properties:
                  Runtime: java21
                  Handler: a.B::handle
                  Environment:
                    Variables:
                      BUCKET_NAME: !Ref AppBucket
                      AWS_ENDPOINT_URL_SQS: http://127.0.0.1:9324
            """;

    @TempDir
    Path dir;

    @Test
    void settingsGoOverTheFileAndCreateWhatItLacks() {
        Map<String, Object> file = Map.of("dynamodb", Map.of("seed", Map.of("A", "a.json")));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("dynamodb.seed.B", "/abs/b.json");
        settings.put("dynamodb.seed.A", "/abs/a2.json");
        settings.put("http-endpoint.parameter", "Url");
        assertEquals(Map.of("dynamodb", Map.of("seed", Map.of("A", "/abs/a2.json", "B", "/abs/b.json")),
                        "http-endpoint", Map.of("parameter", "Url")),
                LocalServices.withSettings(file, settings));
        assertEquals(Map.of("dynamodb", Map.of("seed", Map.of("A", "a.json"))), file, "the file's map is not changed");
    }

    @Test
    void aSettingWithoutASectionOrThroughAValueIsRefused() {
        IllegalArgumentException noSection = assertThrows(IllegalArgumentException.class,
                () -> LocalServices.withSettings(Map.of(), Map.of("dynamodb", "x")));
        assertTrue(noSection.getMessage().contains("SECTION.NAME"), noSection.getMessage());
        IllegalArgumentException throughValue = assertThrows(IllegalArgumentException.class,
                () -> LocalServices.withSettings(Map.of("dynamodb", Map.of("seed", "x")), Map.of("dynamodb.seed.T", "t.json")));
        assertTrue(throughValue.getMessage().contains("dynamodb.seed is a value"), throughValue.getMessage());
    }

    @Test
    void aSettingForAServiceNobodyProvidesIsNamedAsSuch() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LocalServices.start(
                LocalLambda.options(template, dir), null, Map.of("dynamodb.seed.T", "/t.json")));
        assertTrue(e.getMessage().startsWith("A local-services setting configures 'dynamodb', which no local service provides"),
                e.getMessage());
    }

    @Test
    void resourcesNothingStandsInForAreNamedOnceWithTheirEndpointVariable() throws IOException {
        Path template = Files.writeString(dir.resolve("template.yaml"), TEMPLATE);
        try (LocalServices services = LocalServices.start(LocalLambda.options(template, dir), null)) {
            List<String> notices = services.notices();
            assertEquals(2, notices.size(), notices.toString());
            assertTrue(notices.get(0).startsWith("AppBucket (AWS::S3::Bucket) does not run locally: Writer's BUCKET_NAME "
                    + "(\"appbucket\"), Reader's BUCKET_NAME (\"appbucket\") refer to it"), notices.get(0));
            assertTrue(notices.get(0).contains("set AWS_ENDPOINT_URL_S3 for the functions: --env AWS_ENDPOINT_URL_S3="),
                    notices.get(0));
            assertTrue(notices.get(1).startsWith("AppQueue (AWS::SQS::Queue) does not run locally: Writer's QUEUE_URL"),
                    "Reader sets AWS_ENDPOINT_URL_SQS itself: " + notices.get(1));
            assertTrue(notices.get(1).contains("AWS_ENDPOINT_URL_SQS"), notices.get(1));
        }
        LocalLambda.Options pointed = LocalLambda.options(template, dir)
                .withEnvironmentOverrides(Map.of("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"));
        try (LocalServices services = LocalServices.start(pointed, null)) {
            assertEquals(1, services.notices().size(), "S3 is pointed elsewhere: " + services.notices());
        }
        try (LocalServices services = LocalServices.start(pointed.withOnlyFunctions(Set.of("Reader")), null)) {
            assertEquals(List.of(), services.notices(), "only Reader is served, and it refers to the bucket only");
        }
    }

    @Test
    void endpointVariablesFollowTheSdksServiceIds() {
        assertEquals("AWS_ENDPOINT_URL_S3", NotRunLocally.endpointVariable("AWS::S3::Bucket"));
        assertEquals("AWS_ENDPOINT_URL_SQS", NotRunLocally.endpointVariable("AWS::SQS::Queue"));
        assertEquals("AWS_ENDPOINT_URL_DYNAMODB", NotRunLocally.endpointVariable("AWS::Serverless::SimpleTable"));
        assertEquals("AWS_ENDPOINT_URL_SECRETS_MANAGER", NotRunLocally.endpointVariable("AWS::SecretsManager::Secret"));
        assertEquals("AWS_ENDPOINT_URL_SFN", NotRunLocally.endpointVariable("AWS::StepFunctions::StateMachine"));
    }
}
