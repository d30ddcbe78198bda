package dev.coldbrew.locallambda.services;

import dev.coldbrew.lambda.template.SamTemplate;
import dev.coldbrew.lambda.template.SamTemplate.EnvironmentReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The template resources functions refer to that no local service stands in for (an S3 bucket, a queue, ...).
 * Nothing fakes them: a function's SDK calls go where its endpoint variables say, and without one to AWS, which
 * refuses the emulator's placeholder credentials. One notice per resource names the variable that points the
 * function at an endpoint of the user's own ({@code AWS_ENDPOINT_URL_S3}, the SDK's service-specific variables).
 */
final class NotRunLocally {
    /** Endpoint variable that covers every service. */
    static final String ANY_SERVICE = "AWS_ENDPOINT_URL";

    /** The SDK's service IDs (the variable's suffix) where they differ from the CloudFormation namespace. */
    private static final Map<String, String> SERVICE_IDS = Map.ofEntries(
            Map.entry("Serverless::SimpleTable", "DYNAMODB"),
            Map.entry("Serverless::StateMachine", "SFN"),
            Map.entry("Serverless::Api", "API_GATEWAY"),
            Map.entry("Serverless::HttpApi", "APIGATEWAYV2"),
            Map.entry("StepFunctions", "SFN"),
            Map.entry("SecretsManager", "SECRETS_MANAGER"),
            Map.entry("Events", "EVENTBRIDGE"),
            Map.entry("KinesisFirehose", "FIREHOSE"),
            Map.entry("Logs", "CLOUDWATCH_LOGS"),
            Map.entry("Cognito", "COGNITO_IDENTITY_PROVIDER"),
            Map.entry("ApiGateway", "API_GATEWAY"));

    private NotRunLocally() {
    }

    /**
     * @param functions   the functions served (empty: all)
     * @param served      resources a running local service stands in for
     * @param environment variables every environment gets (the user's and the services')
     */
    static List<String> notices(SamTemplate template, Set<String> functions, Set<String> served, Map<String, String> environment) {
        Map<String, List<EnvironmentReference>> byResource = new LinkedHashMap<>();
        for (EnvironmentReference reference : template.environmentReferences()) {
            // The function's own template variables count too: it may point at an endpoint itself.
            Predicate<String> set = name -> environment.containsKey(name) || reference.functionVariables().contains(name);
            if ((functions.isEmpty() || functions.contains(reference.function())) && !served.contains(reference.resource())
                    && !set.test(endpointVariable(reference.resourceType()))
                    && !set.test(ANY_SERVICE)) {
                byResource.computeIfAbsent(reference.resource(), r -> new ArrayList<>()).add(reference);
            }
        }
        List<String> notices = new ArrayList<>();
        byResource.forEach((resource, references) -> notices.add(notice(resource, references)));
        return notices;
    }

    private static String notice(String resource, List<EnvironmentReference> references) {
        String type = references.get(0).resourceType();
        String variable = endpointVariable(type);
        List<String> uses = references.stream()
                .map(r -> r.function() + "'s " + r.variable() + " (\"" + r.value() + "\")").distinct().toList();
        return resource + " (" + type + ") does not run locally: " + String.join(", ", uses) + " refer"
                + (uses.size() == 1 ? "s" : "") + " to it, and the functions' calls to it go to AWS, which refuses the "
                + "emulator's placeholder credentials. To use an endpoint of your own (LocalStack, MinIO, ...), set "
                + variable + " for the functions: --env " + variable + "=http://127.0.0.1:4566"
                + " (Maven: -Dcoldbrew.env=" + variable + "=http://127.0.0.1:4566).";
    }

    /**
     * The SDK's service-specific endpoint variable for a CloudFormation type: {@code AWS::S3::Bucket} gives
     * {@code AWS_ENDPOINT_URL_S3}, {@code AWS::SQS::Queue} {@code AWS_ENDPOINT_URL_SQS}.
     */
    static String endpointVariable(String resourceType) {
        String[] parts = resourceType.split("::");
        String namespace = parts.length > 1 ? parts[1] : resourceType;
        String service = parts.length > 2 ? SERVICE_IDS.get(namespace + "::" + parts[2]) : null;
        if (service == null) {
            service = SERVICE_IDS.getOrDefault(namespace, namespace.toUpperCase(Locale.ROOT));
        }
        return ANY_SERVICE + "_" + service;
    }
}
