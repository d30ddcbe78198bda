package dev.coldbrew.lambda.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates intrinsic functions to plain values, the way CloudFormation would at deploy time but with
 * local answers: parameters come from their defaults or overrides, resources from {@link ResourceValues}.
 */
final class IntrinsicResolver {
    /** {@code AWS::NoValue}: the property or list item disappears. */
    static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** A declared parameter with neither Default nor override: an error only if something refers to it. */
    record UnsetParameter(String name) {
    }

    /** What Ref and GetAtt give for a template resource. */
    interface ResourceValues {
        boolean has(String logicalId);

        String ref(String logicalId);

        String getAtt(String logicalId, String attribute);
    }

    private final Map<String, Object> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> mappings;
    private final ResourceValues resources;

    IntrinsicResolver(Map<String, Object> parameters, Map<String, Object> conditions, Map<String, Object> mappings,
                      ResourceValues resources) {
        this.parameters = parameters;
        this.conditions = conditions;
        this.mappings = mappings;
        this.resources = resources;
    }

    /** The value with every intrinsic function inside it evaluated. */
    Object resolve(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return evaluate(key, map.values().iterator().next());
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object item = resolve(entry.getValue());
                if (item != NO_VALUE) {
                    resolved.put(String.valueOf(entry.getKey()), item);
                }
            }
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object element : list) {
                Object item = resolve(element);
                if (item != NO_VALUE) {
                    resolved.add(item);
                }
            }
            return resolved;
        }
        return value;
    }

    String resolveString(Object value) {
        Object resolved = resolve(value);
        return resolved == null || resolved == NO_VALUE ? null : String.valueOf(resolved);
    }

    boolean condition(String name) {
        if (!conditions.containsKey(name)) {
            throw new TemplateException("Condition " + name + " is used but not defined under Conditions.");
        }
        return truthy(resolve(conditions.get(name)));
    }

    private Object evaluate(String name, Object argument) {
        return switch (name) {
            case "Ref" -> ref(String.valueOf(resolve(argument)));
            case "Condition" -> condition(String.valueOf(argument));
            case "Fn::Sub" -> sub(argument);
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::Join" -> join(list(argument, name, 2));
            case "Fn::Select" -> select(list(argument, name, 2));
            case "Fn::Split" -> split(list(argument, name, 2));
            case "Fn::If" -> conditional(list(argument, name, 3));
            case "Fn::Equals" -> equalsValues(list(argument, name, 2));
            case "Fn::Not" -> !truthy(resolve(list(argument, name, 1).get(0)));
            case "Fn::And" -> list(argument, name, 1).stream().allMatch(item -> truthy(resolve(item)));
            case "Fn::Or" -> list(argument, name, 1).stream().anyMatch(item -> truthy(resolve(item)));
            case "Fn::FindInMap" -> findInMap(list(argument, name, 3));
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(
                    String.valueOf(resolve(argument)).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs" -> List.of(ref("AWS::Region") + "a", ref("AWS::Region") + "b", ref("AWS::Region") + "c");
            case "Fn::Length" -> ((List<?>) resolve(argument)).size();
            case "Fn::ImportValue" -> throw new TemplateException("Fn::ImportValue " + resolve(argument)
                    + " refers to another stack; pass the value as a parameter override instead.");
            default -> throw new TemplateException("Intrinsic function " + name + " is not supported by the local emulator.");
        };
    }

    private Object ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (parameters.containsKey(name)) {
            if (parameters.get(name) instanceof UnsetParameter) {
                throw new TemplateException("Parameter " + name + " has no Default; pass a value for it (--parameter-override "
                        + name + "=...).");
            }
            return parameters.get(name);
        }
        int dot = name.indexOf('.');
        String logicalId = dot < 0 ? name : name.substring(0, dot);
        if (resources.has(logicalId)) {
            // SAM's MyFunction.Alias / MyFunction.Version references.
            return dot < 0 ? resources.ref(name) : resources.getAtt(logicalId, name.substring(dot + 1));
        }
        throw new TemplateException("!Ref " + name + " matches no parameter, pseudo parameter or resource.");
    }

    private Object getAtt(Object argument) {
        List<?> parts = list(argument, "Fn::GetAtt", 2);
        String logicalId = String.valueOf(resolve(parts.get(0)));
        String attribute = String.valueOf(resolve(parts.get(1)));
        if (!resources.has(logicalId)) {
            throw new TemplateException("!GetAtt " + logicalId + "." + attribute + " names no resource of the template.");
        }
        return resources.getAtt(logicalId, attribute);
    }

    private String sub(Object argument) {
        String template;
        Map<?, ?> variables = Map.of();
        if (argument instanceof List<?> parts) {
            template = String.valueOf(parts.get(0));
            variables = parts.size() > 1 ? (Map<?, ?>) parts.get(1) : Map.of();
        } else {
            template = String.valueOf(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else if (variables.containsKey(variable)) {
                replacement = String.valueOf(resolve(variables.get(variable)));
            } else if (variable.contains(".") && !parameters.containsKey(variable)) {
                int dot = variable.indexOf('.');
                replacement = resources.getAtt(variable.substring(0, dot), variable.substring(dot + 1));
            } else {
                replacement = String.valueOf(ref(variable));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private String join(List<?> parts) {
        String delimiter = String.valueOf(resolve(parts.get(0)));
        List<String> items = new ArrayList<>();
        for (Object item : (List<?>) resolve(parts.get(1))) {
            items.add(String.valueOf(item));
        }
        return String.join(delimiter, items);
    }

    private Object select(List<?> parts) {
        int index = Integer.parseInt(String.valueOf(resolve(parts.get(0))));
        return ((List<?>) resolve(parts.get(1))).get(index);
    }

    private List<String> split(List<?> parts) {
        String delimiter = String.valueOf(resolve(parts.get(0)));
        return List.of(String.valueOf(resolve(parts.get(1))).split(Pattern.quote(delimiter), -1));
    }

    private Object conditional(List<?> parts) {
        return condition(String.valueOf(parts.get(0))) ? resolve(parts.get(1)) : resolve(parts.get(2));
    }

    private boolean equalsValues(List<?> parts) {
        return String.valueOf(resolve(parts.get(0))).equals(String.valueOf(resolve(parts.get(1))));
    }

    private Object findInMap(List<?> parts) {
        Object map = mappings.get(String.valueOf(resolve(parts.get(0))));
        for (int i = 1; i < parts.size() && map instanceof Map<?, ?> level; i++) {
            map = level.get(String.valueOf(resolve(parts.get(i))));
        }
        if (map == null) {
            throw new TemplateException("Fn::FindInMap " + parts + " finds nothing under Mappings.");
        }
        return map;
    }

    private static boolean truthy(Object value) {
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }

    private static List<?> list(Object argument, String name, int minimumSize) {
        if (!(argument instanceof List<?> list) || list.size() < minimumSize) {
            throw new TemplateException(name + " needs a list of at least " + minimumSize + " items, got: " + argument);
        }
        return list;
    }
}
