package dev.coldbrew.lambda.template;

import dev.coldbrew.lambda.function.Arns;
import dev.coldbrew.lambda.function.FunctionConfiguration;
import dev.coldbrew.lambda.function.FunctionConfiguration.ImageConfig;
import dev.coldbrew.lambda.function.FunctionConfiguration.Layer;
import dev.coldbrew.lambda.function.LambdaLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SAM template read for local execution: Globals merged into each function, parameters taken from
 * overrides or defaults, intrinsic functions resolved to local values, code found in the build output
 * ({@code <buildDir>/<LogicalId>}, as the {@code build-<LogicalId>} targets lay it out). A container-image
 * function ({@code PackageType: Image}) runs from the tarball {@code <buildDir>/<LogicalId>/image.tar}; its
 * {@code ImageUri} names a registry this emulator never pulls from, so it is not read.
 */
public final class SamTemplate {
    public static final String STACK_NAME = "local";
    private static final List<String> FUNCTION_TYPES = List.of("AWS::Serverless::Function", "AWS::Lambda::Function");
    private static final List<String> LAYER_TYPES = List.of("AWS::Serverless::LayerVersion", "AWS::Lambda::LayerVersion");
    /** The name before the first dot of a {@code ${...}} in {@code !Sub} ({@code ${!Literal}} excluded). */
    private static final Pattern SUB_RESOURCE = Pattern.compile("\\$\\{([^!}.][^}.]*)[^}]*}");

    /**
     * A function of the template: its $LATEST configuration, SAM's AutoPublishAlias if any, and the provisioned
     * concurrency SAM puts on that alias ({@code ProvisionedConcurrencyConfig}; 0 for none).
     */
    public record TemplateFunction(FunctionConfiguration configuration, String autoPublishAlias, int provisionedConcurrency) {
    }

    private final Map<String, Map<String, Object>> resources;
    private final SamGlobals globals;
    private final Set<String> declaredParameters;
    private final IntrinsicResolver resolver;
    private final Arns arns;
    private final Path buildDirectory;

    private SamTemplate(Map<String, Object> root, Path buildDirectory, Map<String, String> parameterOverrides, Arns arns) {
        this.arns = arns;
        this.buildDirectory = buildDirectory;
        this.resources = new LinkedHashMap<>();
        mapOf(root.get("Resources"), "Resources").forEach((id, body) -> resources.put(id, mapOf(body, id)));
        this.globals = SamGlobals.parse(root.get("Globals"));
        this.declaredParameters = Set.copyOf(mapOf(root.getOrDefault("Parameters", Map.of()), "Parameters").keySet());
        this.resolver = new IntrinsicResolver(parameterValues(mapOf(root.getOrDefault("Parameters", Map.of()), "Parameters"),
                parameterOverrides), mapOf(root.getOrDefault("Conditions", Map.of()), "Conditions"),
                mapOf(root.getOrDefault("Mappings", Map.of()), "Mappings"), new LocalResourceValues());
    }

    public static SamTemplate load(Path templateFile, Path buildDirectory, Map<String, String> parameterOverrides, Arns arns) {
        if (!Files.isRegularFile(templateFile)) {
            throw new TemplateException("Template " + templateFile + " does not exist.");
        }
        return new SamTemplate(CloudFormationYaml.load(templateFile), buildDirectory, parameterOverrides, arns);
    }

    /** Every Java zip function and every container-image function with a tarball, in template order. */
    public List<TemplateFunction> functions() {
        List<TemplateFunction> functions = new ArrayList<>();
        resources.forEach((logicalId, resource) -> {
            if (FUNCTION_TYPES.contains(resource.get("Type")) && included(resource) && skipReason(logicalId, resource) == null) {
                functions.add(function(logicalId, resource));
            }
        });
        return functions;
    }

    /**
     * The logical IDs {@link #functions()} would give, without resolving the functions' other properties
     * (so without needing every parameter): for listing and choosing functions.
     */
    public List<String> functionIds() {
        List<String> ids = new ArrayList<>();
        resources.forEach((logicalId, resource) -> {
            if (FUNCTION_TYPES.contains(resource.get("Type")) && included(resource) && skipReason(logicalId, resource) == null) {
                ids.add(logicalId);
            }
        });
        return ids;
    }

    /** Why functions of the template will not run locally (other runtimes, images not built), one line each. */
    public List<String> skippedFunctions() {
        List<String> skipped = new ArrayList<>();
        resources.forEach((logicalId, resource) -> {
            if (FUNCTION_TYPES.contains(resource.get("Type")) && included(resource)) {
                String reason = skipReason(logicalId, resource);
                if (reason != null) {
                    skipped.add(reason);
                }
            }
        });
        return skipped;
    }

    private String skipReason(String logicalId, Map<String, Object> resource) {
        Map<String, Object> properties = properties(logicalId, resource);
        if (FunctionConfiguration.IMAGE.equals(resolver.resolve(properties.get("PackageType")))) {
            Path archive = buildDirectory.resolve(logicalId).resolve(FunctionConfiguration.IMAGE_ARCHIVE);
            return Files.isRegularFile(archive) ? null
                    : logicalId + " is a container image function and has no " + archive + "; run `make images`.";
        }
        String runtime = String.valueOf(resolver.resolve(properties.getOrDefault("Runtime", "")));
        return runtime.startsWith("java") ? null : logicalId + " uses Runtime " + runtime + "; only Java runtimes run locally.";
    }

    /**
     * A DynamoDB table of the template as a local service needs it to create the table: the name {@code !Ref}
     * gives, and the key schema and attribute definitions with intrinsics resolved.
     */
    public record Table(String logicalId, String name, List<Map<String, Object>> attributeDefinitions,
                        List<Map<String, Object>> keySchema) {
    }

    /** The template's {@code AWS::DynamoDB::Table} resources, in template order. */
    @SuppressWarnings("unchecked")
    public List<Table> dynamoDbTables() {
        List<Table> tables = new ArrayList<>();
        resources.forEach((logicalId, resource) -> {
            if ("AWS::DynamoDB::Table".equals(resource.get("Type")) && included(resource)) {
                Map<String, Object> properties = (Map<String, Object>) resolver.resolve(
                        mapOf(resource.getOrDefault("Properties", Map.of()), logicalId));
                tables.add(new Table(logicalId, tableName(logicalId),
                        (List<Map<String, Object>>) properties.getOrDefault("AttributeDefinitions", List.of()),
                        (List<Map<String, Object>>) properties.getOrDefault("KeySchema", List.of())));
            }
        });
        return tables;
    }

    /**
     * A template resource a function's environment variable refers to ({@code !Ref}, {@code !GetAtt} or inside
     * {@code !Sub}), with the value the variable gets locally.
     *
     * @param function          the function's logical ID
     * @param variable          the environment variable
     * @param value             what the variable resolves to locally (e.g. a bucket name)
     * @param resource          the logical ID of the resource referred to
     * @param resourceType      its CloudFormation type, e.g. {@code AWS::S3::Bucket}
     * @param functionVariables every variable the function's environment sets (whether it names an endpoint itself)
     */
    public record EnvironmentReference(String function, String variable, String value, String resource, String resourceType,
                                       Set<String> functionVariables) {
        public EnvironmentReference {
            functionVariables = Set.copyOf(functionVariables);
        }
    }

    /**
     * What the environments of the {@link #functionIds() functions} refer to among the template's other resources
     * (functions and layers left out: the emulator itself serves those), in template order. A local service that
     * stands in for such a resource tells the functions where it is; for the rest they call AWS unless told otherwise.
     */
    public List<EnvironmentReference> environmentReferences() {
        List<EnvironmentReference> references = new ArrayList<>();
        for (String logicalId : functionIds()) {
            Object variables = mapOf(properties(logicalId, resources.get(logicalId)).getOrDefault("Environment", Map.of()),
                    "Environment").get("Variables");
            Map<String, Object> map = mapOf(variables, logicalId + ".Environment.Variables");
            map.forEach((variable, value) -> {
                Set<String> referred = new LinkedHashSet<>();
                collectReferences(value, referred);
                for (String resource : referred) {
                    String type = String.valueOf(resources.get(resource).get("Type"));
                    if (!FUNCTION_TYPES.contains(type) && !LAYER_TYPES.contains(type)) {
                        references.add(new EnvironmentReference(logicalId, variable, resolver.resolveString(value), resource,
                                type, map.keySet()));
                    }
                }
            });
        }
        return references;
    }

    /** The template resources a raw (unresolved) property value names through Ref, GetAtt or Sub. */
    private void collectReferences(Object value, Set<String> into) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object argument = map.values().iterator().next();
                switch (key) {
                    case "Ref" -> addResource(String.valueOf(argument).split("\\.", 2)[0], into);
                    case "Fn::GetAtt" -> {
                        if (argument instanceof List<?> parts && !parts.isEmpty()) {
                            addResource(String.valueOf(parts.get(0)), into);
                        }
                    }
                    case "Fn::Sub" -> {
                        Object template = argument instanceof List<?> parts && !parts.isEmpty() ? parts.get(0) : argument;
                        Matcher matcher = SUB_RESOURCE.matcher(String.valueOf(template));
                        while (matcher.find()) {
                            addResource(matcher.group(1), into);
                        }
                        if (argument instanceof List<?> parts && parts.size() > 1) {
                            collectReferences(parts.get(1), into);
                        }
                    }
                    default -> map.values().forEach(v -> collectReferences(v, into));
                }
                return;
            }
            map.values().forEach(v -> collectReferences(v, into));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collectReferences(v, into));
        }
    }

    private void addResource(String name, Set<String> into) {
        if (resources.containsKey(name)) {
            into.add(name);
        }
    }

    /** Whether the template declares a parameter of this name (overrides must name declared ones). */
    public boolean declaresParameter(String name) {
        return declaredParameters.contains(name);
    }

    private TemplateFunction function(String logicalId, Map<String, Object> resource) {
        Map<String, Object> properties = properties(logicalId, resource);
        @SuppressWarnings("unchecked")
        Map<String, Object> resolved = (Map<String, Object>) resolver.resolve(properties);
        boolean image = FunctionConfiguration.IMAGE.equals(resolved.get("PackageType"));
        if (image) {
            rejectZipProperties(logicalId, resolved);
        }
        String runtime = String.valueOf(resolved.getOrDefault("Runtime", ""));
        String handler = image ? "" : requiredString(resolved, "Handler", logicalId);
        Path codeDirectory = buildDirectory.resolve(logicalId);
        List<Layer> layers = new ArrayList<>();
        for (Object arn : (List<?>) resolved.getOrDefault("Layers", List.of())) {
            layers.add(layer(logicalId, String.valueOf(arn)));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        Object variables = mapOf(resolved.getOrDefault("Environment", Map.of()), "Environment").get("Variables");
        if (variables != null) {
            mapOf(variables, "Environment.Variables").forEach((key, value) -> environment.put(key, String.valueOf(value)));
        }
        List<?> architectures = (List<?>) resolved.getOrDefault("Architectures", List.of("x86_64"));
        Map<String, Object> snapStart = mapOf(resolved.getOrDefault("SnapStart", Map.of()), "SnapStart");
        CodeDigest code = image ? CodeDigest.ofImage(codeDirectory.resolve(FunctionConfiguration.IMAGE_ARCHIVE))
                : CodeDigest.of(codeDirectory);
        FunctionConfiguration configuration = FunctionConfiguration.builder()
                .functionName(functionName(logicalId, resolved)).logicalId(logicalId)
                .runtime(runtime).handler(handler).description(String.valueOf(resolved.getOrDefault("Description", "")))
                .memorySize(integer(resolved.getOrDefault("MemorySize", LambdaLimits.DEFAULT_MEMORY_MB), "MemorySize", logicalId))
                .timeout(integer(resolved.getOrDefault("Timeout", LambdaLimits.DEFAULT_TIMEOUT_SECONDS), "Timeout", logicalId))
                .environment(environment).layers(layers).codeDirectory(codeDirectory)
                .architecture(String.valueOf(architectures.get(0)))
                .snapStartApplyOn(String.valueOf(snapStart.getOrDefault("ApplyOn", "None")))
                .packageType(image ? FunctionConfiguration.IMAGE : FunctionConfiguration.ZIP)
                .imageConfig(image ? imageConfig(logicalId, resolved) : ImageConfig.NONE)
                .code(code.sha256(), code.size()).build();
        Object alias = resolved.get("AutoPublishAlias");
        Object provisioned = mapOf(resolved.getOrDefault("ProvisionedConcurrencyConfig", Map.of()), "ProvisionedConcurrencyConfig")
                .get("ProvisionedConcurrentExecutions");
        return new TemplateFunction(configuration, alias == null ? null : String.valueOf(alias),
                provisioned == null ? 0 : integer(provisioned, "ProvisionedConcurrentExecutions", logicalId));
    }

    /**
     * SAM's rule for image functions, checked as SAM checks it, after Globals are merged in (samtranslator's
     * {@code _validate_package_type}): the image brings its runtime, handler and libraries, so a global Runtime or
     * Handler fails the template too, unless the function drops it with {@code IgnoreGlobals}.
     */
    private static void rejectZipProperties(String logicalId, Map<String, Object> resolved) {
        List<String> present = new ArrayList<>();
        for (String property : List.of("Runtime", "Handler", "Layers")) {
            Object value = resolved.get(property);
            if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
                present.add(property);
            }
        }
        if (!present.isEmpty()) {
            throw new TemplateException(logicalId + ": " + String.join(", ", present) + " cannot be present when "
                    + "PackageType is Image (Globals included; IgnoreGlobals on the function drops global ones).");
        }
    }

    private static ImageConfig imageConfig(String logicalId, Map<String, Object> resolved) {
        Map<String, Object> config = mapOf(resolved.getOrDefault("ImageConfig", Map.of()), logicalId + ".ImageConfig");
        return new ImageConfig(strings(config.get("EntryPoint"), logicalId + ".ImageConfig.EntryPoint"),
                strings(config.get("Command"), logicalId + ".ImageConfig.Command"),
                String.valueOf(config.getOrDefault("WorkingDirectory", "")));
    }

    private static List<String> strings(Object value, String where) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new TemplateException(where + " must be a list, was: " + value);
        }
        return list.stream().map(String::valueOf).toList();
    }

    private Layer layer(String functionId, String arn) {
        for (Map.Entry<String, Map<String, Object>> entry : resources.entrySet()) {
            if (LAYER_TYPES.contains(entry.getValue().get("Type")) && layerArn(entry.getKey()).equals(arn)) {
                Path directory = buildDirectory.resolve(entry.getKey());
                return new Layer(arn, entry.getKey(), directory, CodeDigest.of(directory).size());
            }
        }
        throw new TemplateException(functionId + " uses layer " + arn + ", which is not in the template; "
                + "only template layers can be run locally.");
    }

    /** The resource's properties with the Globals that SAM applies to it. */
    private Map<String, Object> properties(String logicalId, Map<String, Object> resource) {
        return globals.apply(logicalId, resource, mapOf(resource.getOrDefault("Properties", Map.of()), logicalId));
    }

    private boolean included(Map<String, Object> resource) {
        Object condition = resource.get("Condition");
        return condition == null || resolver.condition(String.valueOf(condition));
    }

    private String functionName(String logicalId, Map<String, Object> resolvedProperties) {
        Object name = resolvedProperties.get("FunctionName");
        return name == null ? logicalId : String.valueOf(name);
    }

    private String layerArn(String logicalId) {
        Object name = mapOf(resources.get(logicalId).getOrDefault("Properties", Map.of()), logicalId).get("LayerName");
        return arns.layerVersion(name == null ? logicalId : resolver.resolveString(name), 1);
    }

    private String tableName(String logicalId) {
        Object name = mapOf(resources.get(logicalId).getOrDefault("Properties", Map.of()), logicalId).get("TableName");
        return name == null ? logicalId : resolver.resolveString(name);
    }

    private Map<String, Object> parameterValues(Map<String, Object> declared, Map<String, String> overrides) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("AWS::Region", arns.region());
        values.put("AWS::AccountId", arns.accountId());
        values.put("AWS::StackName", STACK_NAME);
        values.put("AWS::StackId", "arn:aws:cloudformation:" + arns.region() + ":" + arns.accountId() + ":stack/" + STACK_NAME + "/local");
        values.put("AWS::Partition", "aws");
        values.put("AWS::URLSuffix", "amazonaws.com");
        values.put("AWS::NotificationARNs", List.of());
        for (String name : overrides.keySet()) {
            if (!declared.containsKey(name)) {
                throw new TemplateException("Parameter override " + name + " is not a parameter of the template.");
            }
        }
        declared.forEach((name, definition) -> {
            Map<String, Object> parameter = mapOf(definition, "Parameters." + name);
            Object value = overrides.containsKey(name) ? overrides.get(name) : parameter.get("Default");
            if (value == null) {
                values.put(name, new IntrinsicResolver.UnsetParameter(name));
                return;
            }
            String type = String.valueOf(parameter.getOrDefault("Type", "String"));
            values.put(name, type.startsWith("List<") || type.equals("CommaDelimitedList")
                    ? List.of(String.valueOf(value).split(",")) : String.valueOf(value));
        });
        return values;
    }

    /** Ref and GetAtt answers for resources, pointing at local stand-ins. */
    private final class LocalResourceValues implements IntrinsicResolver.ResourceValues {
        @Override
        public boolean has(String logicalId) {
            return resources.containsKey(logicalId);
        }

        @Override
        public String ref(String logicalId) {
            String type = String.valueOf(resources.get(logicalId).get("Type"));
            if (FUNCTION_TYPES.contains(type)) {
                return functionNameOf(logicalId);
            }
            if (LAYER_TYPES.contains(type)) {
                return layerArn(logicalId);
            }
            return switch (type) {
                case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> tableName(logicalId);
                case "AWS::SQS::Queue" -> "http://sqs." + arns.region() + ".localhost/" + arns.accountId() + "/" + logicalId;
                case "AWS::S3::Bucket" -> logicalId.toLowerCase(Locale.ROOT);
                default -> logicalId;
            };
        }

        @Override
        public String getAtt(String logicalId, String attribute) {
            String type = String.valueOf(resources.get(logicalId).get("Type"));
            if (FUNCTION_TYPES.contains(type)) {
                String name = functionNameOf(logicalId);
                return switch (attribute) {
                    case "Arn" -> arns.function(name);
                    case "Alias" -> arns.function(name) + ":" + resolver.resolveString(
                            properties(logicalId, resources.get(logicalId)).get("AutoPublishAlias"));
                    case "Version" -> arns.function(name) + ":1";
                    default -> arns.function(name) + "/" + attribute;
                };
            }
            return switch (type) {
                case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> attribute.equals("StreamArn")
                        ? arns.table(tableName(logicalId)) + "/stream/local" : arns.table(tableName(logicalId));
                default -> "arn:aws:local:" + arns.region() + ":" + arns.accountId() + ":" + logicalId + "/" + attribute;
            };
        }

        private String functionNameOf(String logicalId) {
            Object name = mapOf(resources.get(logicalId).getOrDefault("Properties", Map.of()), logicalId).get("FunctionName");
            return name == null ? logicalId : resolver.resolveString(name);
        }
    }

    private static String requiredString(Map<String, Object> properties, String key, String logicalId) {
        Object value = properties.get(key);
        if (value == null) {
            throw new TemplateException(logicalId + " has no " + key + ".");
        }
        return String.valueOf(value);
    }

    private static int integer(Object value, String key, String logicalId) {
        try {
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            throw new TemplateException(logicalId + ": " + key + " must be a whole number, was " + value + ".");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapOf(Object value, String where) {
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new TemplateException(where + " must be a mapping, was: " + value);
        }
        return (Map<String, Object>) value;
    }
}
