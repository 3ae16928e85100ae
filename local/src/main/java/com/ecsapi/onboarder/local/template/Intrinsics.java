package com.ecsapi.onboarder.local.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions the way {@code sam local invoke} does without a stack: parameters to
 * their value, pseudo parameters to local stand-ins, and what only a deployed stack knows (the physical id of a
 * resource, its attributes) to the resource's logical id.
 */
public final class Intrinsics {

    /** Marks {@code !Ref AWS::NoValue}: the enclosing key or list item disappears. */
    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, String> parameters;
    private final Set<String> listParameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> mappings;
    private final Map<String, Boolean> evaluatedConditions = new HashMap<>();
    private final String region;

    /**
     * @param parameters     template parameter values, pseudo parameters included ({@code AWS::Region}, ...)
     * @param listParameters the parameters of a list type ({@code CommaDelimitedList}, {@code List<...>}): their
     *                       {@code Ref} is a list
     * @param conditions     the template's {@code Conditions} section
     * @param mappings       the template's {@code Mappings} section
     */
    public Intrinsics(Map<String, String> parameters, Set<String> listParameters, Map<String, Object> conditions,
                      Map<String, Object> mappings) {
        this.parameters = Map.copyOf(parameters);
        this.listParameters = Set.copyOf(listParameters);
        this.conditions = conditions;
        this.mappings = mappings;
        this.region = parameters.getOrDefault("AWS::Region", "us-east-1");
    }

    /** The pseudo parameters of a local run: region from the caller, a fixed account, stack {@code local}. */
    public static Map<String, String> pseudoParameters(String region) {
        return Map.of(
                "AWS::Region", region,
                "AWS::AccountId", "123456789012",
                "AWS::StackName", "local",
                "AWS::StackId", "arn:aws:cloudformation:" + region + ":123456789012:stack/local/local",
                "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com");
    }

    /** The value with every intrinsic resolved; {@code null} when it resolves to {@code AWS::NoValue}. */
    public Object resolve(Object value) {
        Object resolved = resolveNode(value);
        return resolved == NO_VALUE ? null : resolved;
    }

    /**
     * The value resolved and rendered as the string an environment variable would hold. {@code AWS::NoValue} (also
     * from {@code Fn::If}) renders as "": SAM CLI cannot resolve it and hands the variable over empty, where a
     * deployed stack would drop it.
     */
    public String resolveToString(Object value) {
        return text(resolveNode(value));
    }

    private Object resolveNode(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Map.Entry<?, ?> only = map.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return intrinsic(key, only.getValue());
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, item) -> {
                Object itemValue = resolveNode(item);
                if (itemValue != NO_VALUE) {
                    resolved.put(String.valueOf(key), itemValue);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object itemValue = resolveNode(item);
                if (itemValue != NO_VALUE) {
                    resolved.add(itemValue);
                }
            }
            return resolved;
        }
        return value;
    }

    private Object intrinsic(String function, Object argument) {
        return switch (function) {
            case "Ref" -> reference(text(resolveNode(argument)));
            case "Condition" -> condition(text(argument));
            case "Fn::Sub" -> substitute(argument);
            case "Fn::GetAtt" -> logicalIdOf(argument);
            case "Fn::If" -> choose(list(function, argument, 3));
            case "Fn::Join" -> join(list(function, argument, 2));
            case "Fn::Select" -> select(list(function, argument, 2));
            case "Fn::Split" -> split(list(function, argument, 2));
            case "Fn::Equals" -> {
                List<?> operands = list(function, argument, 2);
                yield text(resolveNode(operands.get(0))).equals(text(resolveNode(operands.get(1))));
            }
            case "Fn::Not" -> !truth(list(function, argument, 1).get(0));
            case "Fn::And" -> list(function, argument, -1).stream().allMatch(this::truth);
            case "Fn::Or" -> list(function, argument, -1).stream().anyMatch(this::truth);
            case "Fn::FindInMap" -> findInMap(list(function, argument, 3));
            case "Fn::Base64" -> Base64.getEncoder().encodeToString(
                    text(resolveNode(argument)).getBytes(StandardCharsets.UTF_8));
            case "Fn::GetAZs" -> List.of(region + "a", region + "b", region + "c");
            case "Fn::ImportValue" -> text(resolveNode(argument));
            default -> resolveNode(argument);
        };
    }

    private Object reference(String name) {
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        String value = parameters.get(name);
        if (value == null) {
            return name;
        }
        return listParameters.contains(name) ? List.of(value.split(",", -1)) : value;
    }

    private boolean condition(String name) {
        Boolean known = evaluatedConditions.get(name);
        if (known != null) {
            return known;
        }
        if (!conditions.containsKey(name)) {
            throw new TemplateException("Condition '" + name + "' is not defined in the template's Conditions");
        }
        evaluatedConditions.put(name, false);
        boolean value = truth(conditions.get(name));
        evaluatedConditions.put(name, value);
        return value;
    }

    private boolean truth(Object expression) {
        Object value = resolveNode(expression);
        return value instanceof Boolean bool ? bool : Boolean.parseBoolean(text(value));
    }

    private Object choose(List<?> arguments) {
        return resolveNode(condition(text(arguments.get(0))) ? arguments.get(1) : arguments.get(2));
    }

    private String substitute(Object argument) {
        String format;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof List<?> list) {
            format = text(list.get(0));
            if (list.size() > 1 && list.get(1) instanceof Map<?, ?> map) {
                map.forEach((key, value) -> variables.put(String.valueOf(key), resolveNode(value)));
            }
        } else {
            format = text(argument);
        }
        Matcher matcher = SUB_VARIABLE.matcher(format);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1).trim();
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}";
            } else if (variables.containsKey(name)) {
                replacement = text(variables.get(name));
            } else if (parameters.containsKey(name)) {
                replacement = parameters.get(name);
            } else {
                int dot = name.indexOf('.');
                replacement = dot < 0 ? name : name.substring(0, dot);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String logicalIdOf(Object argument) {
        Object resolved = resolveNode(argument);
        if (resolved instanceof List<?> parts && !parts.isEmpty()) {
            return text(parts.get(0));
        }
        String dotted = text(resolved);
        int dot = dotted.indexOf('.');
        return dot < 0 ? dotted : dotted.substring(0, dot);
    }

    private String join(List<?> arguments) {
        String delimiter = text(resolveNode(arguments.get(0)));
        Object items = resolveNode(arguments.get(1));
        if (!(items instanceof List<?> list)) {
            return text(items);
        }
        return String.join(delimiter, list.stream().map(Intrinsics::text).toList());
    }

    private Object select(List<?> arguments) {
        int index = Integer.parseInt(text(resolveNode(arguments.get(0))));
        Object items = resolveNode(arguments.get(1));
        if (!(items instanceof List<?> list) || index < 0 || index >= list.size()) {
            throw new TemplateException("Fn::Select index " + index + " is out of range of " + items);
        }
        return list.get(index);
    }

    private List<String> split(List<?> arguments) {
        String delimiter = text(resolveNode(arguments.get(0)));
        String source = text(resolveNode(arguments.get(1)));
        return List.of(source.split(Pattern.quote(delimiter), -1));
    }

    private Object findInMap(List<?> arguments) {
        String mapName = text(resolveNode(arguments.get(0)));
        String topKey = text(resolveNode(arguments.get(1)));
        String secondKey = text(resolveNode(arguments.get(2)));
        if (mappings.get(mapName) instanceof Map<?, ?> map && map.get(topKey) instanceof Map<?, ?> entry
                && entry.containsKey(secondKey)) {
            return resolveNode(entry.get(secondKey));
        }
        throw new TemplateException("Fn::FindInMap: no " + mapName + "." + topKey + "." + secondKey + " in Mappings");
    }

    private static List<?> list(String function, Object argument, int size) {
        if (!(argument instanceof List<?> list) || (size >= 0 && list.size() != size)) {
            throw new TemplateException(function + " expects a list" + (size >= 0 ? " of " + size : "")
                    + " arguments, got " + argument);
        }
        return list;
    }

    private static String text(Object value) {
        if (value == null || value == NO_VALUE) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(Intrinsics::text).toList());
        }
        if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)) {
            return Long.toString(number.longValue());
        }
        return String.valueOf(value);
    }
}
