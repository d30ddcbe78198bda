package dev.coldbrew.templaterules;

import dev.coldbrew.lambda.template.CloudFormationYaml;
import dev.coldbrew.lambda.template.SamGlobals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The rules every coldbrew SAM template keeps, as one checker that lists the violations it finds:
 * SnapStart and provisioned concurrency never on the same function, provisioned concurrency only on an
 * alias with autoscaling that waits for the alias, makefile builds with a target for each resource, a tiered
 * compilation setting per function, and no wildcard resources in policies. Globals apply as SAM applies them.
 */
public final class TemplateRules {
    private TemplateRules() {
    }

    /** The violations of a project: its template.yaml against its Makefile (and functions.mk, where build targets come from). */
    public static List<String> check(Path projectDir) {
        try {
            Path registry = projectDir.resolve("functions.mk");
            String makefile = Files.readString(projectDir.resolve("Makefile"))
                    + (Files.isRegularFile(registry) ? Files.readString(registry) : "");
            return check(CloudFormationYaml.load(projectDir.resolve("template.yaml")), makefile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the project at " + projectDir, e);
        }
    }

    /**
     * @param template the template as {@link CloudFormationYaml} reads it
     * @param makefile the text that defines the build targets; a resource's logical ID must appear in it
     */
    public static List<String> check(Map<String, Object> template, String makefile) {
        List<String> violations = new ArrayList<>();
        SamGlobals globals = SamGlobals.parse(template.get("Globals"));
        Map<String, Object> resources = map(template.get("Resources"));
        resources.forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            Object type = resource.get("Type");
            Map<String, Object> properties = globals.apply(id, resource, map(resource.get("Properties")));
            boolean image = "Image".equals(properties.get("PackageType"));
            if (image && properties.get("ImageUri") == null) {
                violations.add(id + ": an image function needs ImageUri (make images builds it; docs/images.md)");
            }
            // Image functions are built by `make images` and deployed from ImageUri, never by sam build.
            if (!image && ("AWS::Serverless::Function".equals(type) || "AWS::Serverless::LayerVersion".equals(type))) {
                if (!"makefile".equals(map(resource.get("Metadata")).get("BuildMethod"))) {
                    violations.add(id + ": Metadata.BuildMethod must be makefile (sam build cannot build Maven multi-module projects)");
                }
                if (!makefile.contains(id)) {
                    violations.add(id + ": the Makefile has no build-" + id + " target");
                }
            }
            if (!"AWS::Serverless::Function".equals(type)) {
                return;
            }
            boolean snapStart = "PublishedVersions".equals(map(properties.get("SnapStart")).get("ApplyOn"));
            boolean provisioned = properties.get("ProvisionedConcurrencyConfig") != null;
            Object alias = properties.get("AutoPublishAlias");
            if (snapStart && provisioned) {
                violations.add(id + ": SnapStart and provisioned concurrency on one function (Lambda rejects it)");
            }
            if (provisioned && alias == null) {
                violations.add(id + ": provisioned concurrency needs AutoPublishAlias");
            }
            if (provisioned && alias != null && !hasAutoscalingAfter(resources, id + "Alias" + alias)) {
                violations.add(id + ": provisioned concurrency without autoscaling that DependsOn " + id + "Alias" + alias);
            }
            if (!variables(properties).containsKey("JAVA_TOOL_OPTIONS")) {
                violations.add(id + ": no JAVA_TOOL_OPTIONS (tiered compilation setting)");
            }
            for (Object policy : list(properties.get("Policies"))) {
                for (Object statement : list(map(policy).get("Statement"))) {
                    Object resourceArn = map(statement).get("Resource");
                    if ("*".equals(resourceArn) || list(resourceArn).contains("*")) {
                        violations.add(id + ": policy statement on Resource \"*\" (grant only the resources the function uses)");
                    }
                }
            }
        });
        return violations;
    }

    private static boolean hasAutoscalingAfter(Map<String, Object> resources, String aliasId) {
        return resources.values().stream().map(TemplateRules::map).anyMatch(resource ->
                ("AWS::ApplicationAutoScaling::ScalableTarget".equals(resource.get("Type"))
                        || "AWS::Serverless::Application".equals(resource.get("Type")))
                && (aliasId.equals(resource.get("DependsOn")) || list(resource.get("DependsOn")).contains(aliasId)));
    }

    private static Map<String, Object> variables(Map<String, Object> functionProperties) {
        return map(map(functionProperties.get("Environment")).get("Variables"));
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public static List<?> list(Object value) {
        return value instanceof Collection<?> c ? List.copyOf(c) : List.of();
    }
}
