package dev.coldbrew.lambda.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code Globals} section as the SAM transform applies it (samtranslator/plugins/globals/globals.py in
 * aws/serverless-application-model; docs: "Globals section of the AWS SAM template"):
 * <ul>
 *   <li>{@code Globals.Function} reaches {@code AWS::Serverless::Function} resources only; a plain
 *       {@code AWS::Lambda::Function} gets none of it;</li>
 *   <li>only the properties SAM lists may be global; any other one, or an unknown section, fails the template;</li>
 *   <li>a function's value wins over a scalar, over an intrinsic function (a one-key map of {@code Ref},
 *       {@code Condition} or {@code Fn::*}, treated as a scalar) and over a value of another type;</li>
 *   <li>maps merge key by key, recursively; lists concatenate, global entries first, duplicates kept;</li>
 *   <li>the resource attribute {@code IgnoreGlobals} drops every global ({@code "*"}) or the named ones, each
 *       of which must be a global property.</li>
 * </ul>
 */
public final class SamGlobals {
    static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";

    /** The sections SAM accepts under Globals. */
    private static final List<String> SECTIONS = List.of("Api", "CapacityProvider", "Function", "HttpApi",
            "LayerVersion", "SimpleTable", "StateMachine", "WebSocketApi");

    /** Every AWS::Serverless::Function property except Role, Policies, FunctionName and Events. */
    private static final List<String> FUNCTION_PROPERTIES = List.of("Handler", "Runtime", "CodeUri",
            "DeadLetterQueue", "Description", "MemorySize", "Timeout", "VpcConfig", "Environment", "Tags",
            "PropagateTags", "Tracing", "KmsKeyArn", "AutoPublishAlias", "AutoPublishAliasAllProperties", "Layers",
            "DeploymentPreference", "RolePath", "PermissionsBoundary", "ReservedConcurrentExecutions",
            "ProvisionedConcurrencyConfig", "AssumeRolePolicyDocument", "EventInvokeConfig", "FileSystemConfigs",
            "CodeSigningConfigArn", "Architectures", "SnapStart", "EphemeralStorage", "FunctionUrlConfig",
            "RuntimeManagementConfig", "LoggingConfig", "RecursiveLoop", "SourceKMSKeyArn", "TenancyConfig",
            "DurableConfig", "CapacityProviderConfig", "FunctionScalingConfig", "PublishToLatestPublished",
            "VersionDeletionPolicy");

    private final Map<String, Object> function;

    private SamGlobals(Map<String, Object> function) {
        this.function = function;
    }

    /** The template root's {@code Globals} value (null when the template has none). */
    public static SamGlobals parse(Object globals) {
        if (globals == null) {
            return new SamGlobals(Map.of());
        }
        if (!(globals instanceof Map<?, ?> sections)) {
            throw new TemplateException("Globals must be a mapping.");
        }
        Map<String, Object> function = Map.of();
        for (Map.Entry<?, ?> section : sections.entrySet()) {
            String name = String.valueOf(section.getKey());
            if (!SECTIONS.contains(name)) {
                throw new TemplateException("Globals: '" + name + "' is not supported; SAM accepts " + SECTIONS + ".");
            }
            if (!(section.getValue() instanceof Map<?, ?> properties)) {
                throw new TemplateException("Globals." + name + " must be a mapping.");
            }
            if (name.equals("Function")) {
                function = stringKeys(properties);
                for (String property : function.keySet()) {
                    if (!FUNCTION_PROPERTIES.contains(property)) {
                        throw new TemplateException("Globals.Function: '" + property + "' is not a property SAM lets "
                                + "functions share; set it on each function.");
                    }
                }
            }
        }
        return new SamGlobals(function);
    }

    /** The resource's properties with the globals that SAM gives its type merged under them. */
    public Map<String, Object> apply(String logicalId, Map<String, Object> resource, Map<String, Object> properties) {
        if (!SERVERLESS_FUNCTION.equals(resource.get("Type")) || function.isEmpty()) {
            return properties;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) merge(applicable(logicalId, resource.get("IgnoreGlobals")), properties);
        return merged;
    }

    private Map<String, Object> applicable(String logicalId, Object ignoreGlobals) {
        if (ignoreGlobals == null) {
            return function;
        }
        if ("*".equals(ignoreGlobals)) {
            return Map.of();
        }
        if (!(ignoreGlobals instanceof List<?> names)) {
            throw new TemplateException(logicalId + ": IgnoreGlobals must be \"*\" or a list of global property names.");
        }
        Map<String, Object> kept = new LinkedHashMap<>(function);
        for (Object name : names) {
            if (kept.remove(String.valueOf(name)) == null) {
                throw new TemplateException(logicalId + ": IgnoreGlobals names '" + name + "', which is not in Globals.Function.");
            }
        }
        return kept;
    }

    private static Object merge(Object global, Object local) {
        if (isMapping(global) && isMapping(local)) {
            Map<String, Object> merged = new LinkedHashMap<>(stringKeys((Map<?, ?>) global));
            stringKeys((Map<?, ?>) local).forEach((key, value) ->
                    merged.put(key, merged.containsKey(key) ? merge(merged.get(key), value) : value));
            return merged;
        }
        if (global instanceof List<?> globalList && local instanceof List<?> localList) {
            List<Object> joined = new ArrayList<>(globalList);
            joined.addAll(localList);
            return joined;
        }
        return local;
    }

    /** A map that is not an intrinsic function; SAM merges intrinsics like scalars. */
    private static boolean isMapping(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return false;
        }
        if (map.size() != 1) {
            return true;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return !(key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::"));
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), value));
        return copy;
    }
}
