package dev.coldbrew.provisioned;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The rules every coldbrew SAM template keeps, as one checker that lists the violations it finds:
 * SnapStart and provisioned concurrency never on the same function, provisioned concurrency only on an
 * alias with autoscaling that waits for the alias, makefile builds with a target for each resource, and no
 * wildcard resources in policies.
 */
final class TemplateRules {
    private TemplateRules() {
    }

    static List<String> check(Map<String, Object> template, String makefile) {
        List<String> violations = new ArrayList<>();
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        Map<String, Object> resources = map(template.get("Resources"));
        resources.forEach((id, value) -> {
            Map<String, Object> resource = map(value);
            Object type = resource.get("Type");
            Map<String, Object> properties = map(resource.get("Properties"));
            if ("AWS::Serverless::Function".equals(type) || "AWS::Serverless::LayerVersion".equals(type)) {
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
            boolean snapStart = "PublishedVersions".equals(map(effective(properties, globals, "SnapStart")).get("ApplyOn"));
            boolean provisioned = effective(properties, globals, "ProvisionedConcurrencyConfig") != null;
            Object alias = effective(properties, globals, "AutoPublishAlias");
            if (snapStart && provisioned) {
                violations.add(id + ": SnapStart and provisioned concurrency on one function (Lambda rejects it)");
            }
            if (provisioned && alias == null) {
                violations.add(id + ": provisioned concurrency needs AutoPublishAlias");
            }
            if (provisioned && alias != null && !hasAutoscalingAfter(resources, id + "Alias" + alias)) {
                violations.add(id + ": provisioned concurrency without autoscaling that DependsOn " + id + "Alias" + alias);
            }
            // SAM merges Globals' environment variables into each function's own.
            if (!variables(globals).containsKey("JAVA_TOOL_OPTIONS") && !variables(properties).containsKey("JAVA_TOOL_OPTIONS")) {
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

    private static Object effective(Map<String, Object> properties, Map<String, Object> globals, String name) {
        return properties.containsKey(name) ? properties.get(name) : globals.get(name);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof Collection<?> c ? List.copyOf(c) : List.of();
    }
}
