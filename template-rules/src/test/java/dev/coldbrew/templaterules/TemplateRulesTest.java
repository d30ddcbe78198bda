package dev.coldbrew.templaterules;

import static dev.coldbrew.templaterules.TemplateRules.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.lambda.template.CloudFormationYaml;
import dev.coldbrew.runtime.testing.ProjectRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateRulesTest {
    private static final Path ROOT = ProjectRoot.find();

    private static Map<String, Object> template() {
        return CloudFormationYaml.load(ROOT.resolve("template.yaml"));
    }

    /** What defines the build targets: the Makefile's pattern rule over functions.mk's list. */
    private static String makefile() throws Exception {
        return Files.readString(ROOT.resolve("Makefile")) + Files.readString(ROOT.resolve("functions.mk"));
    }

    private static Map<String, Object> properties(Map<String, Object> template, String id) {
        return map(map(map(template.get("Resources")).get(id)).get("Properties"));
    }

    @Test
    void referenceTemplateKeepsEveryRule() {
        assertEquals(List.of(), TemplateRules.check(ROOT));
    }

    @Test
    void globalsCountAsSamAppliesThem() throws Exception {
        Map<String, Object> template = template();
        map(map(template.get("Globals")).get("Function")).put("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
        assertTrue(TemplateRules.check(template, makefile()).stream().anyMatch(v -> v.startsWith("DynamoDbSerialFunction: SnapStart and provisioned")),
                "SnapStart from Globals meets DynamoDB-serial's provisioned concurrency");
    }

    @Test
    void snapStartTogetherWithProvisionedConcurrencyIsCaught() throws Exception {
        Map<String, Object> template = template();
        properties(template, "DynamoDbSerialFunction").put("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
        assertTrue(TemplateRules.check(template, makefile()).stream().anyMatch(v -> v.startsWith("DynamoDbSerialFunction: SnapStart and provisioned")));
    }

    @Test
    void autoscalingThatDoesNotWaitForTheAliasIsCaught() throws Exception {
        Map<String, Object> template = template();
        map(map(template.get("Resources")).get("DynamoDbSerialAutoscaling")).remove("DependsOn");
        assertTrue(TemplateRules.check(template, makefile()).stream().anyMatch(v -> v.contains("DependsOn DynamoDbSerialFunctionAliaslive")));
    }

    @Test
    void wildcardPolicyResourceIsCaught() throws Exception {
        Map<String, Object> template = template();
        properties(template, "NoOpFunction").put("Policies", List.of(Map.of("Statement",
                List.of(new HashMap<>(Map.of("Effect", "Allow", "Action", "dynamodb:GetItem", "Resource", "*"))))));
        assertTrue(TemplateRules.check(template, makefile()).contains(
                "NoOpFunction: policy statement on Resource \"*\" (grant only the resources the function uses)"));
    }

    @Test
    void functionWithoutBuildTargetIsCaught() throws Exception {
        assertTrue(TemplateRules.check(template(), makefile().replace("NoOpFunction", "Renamed")).contains(
                "NoOpFunction: the Makefile has no build-NoOpFunction target"));
    }

    @Test
    void anImageFunctionNeedsItsImageUriButNoBuildTarget() throws Exception {
        Map<String, Object> template = template();
        assertEquals(List.of(), TemplateRules.check(template, makefile()).stream()
                .filter(v -> v.startsWith("DynamoDbSerialImageFunction")).toList(), "built by make images, not by sam build");
        properties(template, "DynamoDbSerialImageFunction").remove("ImageUri");
        assertTrue(TemplateRules.check(template, makefile()).contains(
                "DynamoDbSerialImageFunction: an image function needs ImageUri (make images builds it; docs/images.md)"));
    }

    @Test
    void autoscalingTemplateTracksUtilizationOnTheAliasAndSchedulesAFloor() {
        Map<String, Object> resources = map(CloudFormationYaml.load(ROOT.resolve("provisioned-concurrency/autoscaling.yaml")).get("Resources"));
        Map<String, Object> target = map(map(resources.get("ScalableTarget")).get("Properties"));
        assertEquals("lambda:function:ProvisionedConcurrency", target.get("ScalableDimension"));
        assertEquals(Map.of("Fn::Sub", "function:${FunctionName}:${AliasName}"), target.get("ResourceId"));
        assertEquals(2, TemplateRules.list(target.get("ScheduledActions")).size());
        Map<String, Object> policy = map(map(resources.get("UtilizationTracking")).get("Properties"));
        assertEquals("TargetTrackingScaling", policy.get("PolicyType"));
        assertEquals("LambdaProvisionedConcurrencyUtilization", map(map(policy.get("TargetTrackingScalingPolicyConfiguration"))
                .get("PredefinedMetricSpecification")).get("PredefinedMetricType"));
    }
}
