package com.ecsapi.onboarder.template.iam;

import com.ecsapi.onboarder.json.Json;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The roles of the transformed template, resolved as CloudFormation would for the stack a function run stands for.
 * The run's environment tells the stack's values wherever the template's function environment is a {@code Ref}
 * (e.g. {@code DEFAULT_API_ID: !Ref ApiId}, {@code QUEUE_URL: !Ref OnboardingQueue}, {@code ALARM_NAME_PREFIX:
 * !Ref AWS::StackName}); the run's parameters give those no variable shows; the rest are the parameter defaults.
 * Resolves Ref, Fn::Sub, Fn::GetAtt (queue and log group ARNs), Fn::If with the template's conditions, Fn::Join,
 * Fn::Split and Fn::Select; anything it cannot resolve becomes {@code unresolved:...}, which no ARN matches.
 */
public final class TemplateRoles {

    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}]+)}");

    private final JsonNode resources;
    private final JsonNode template;

    public TemplateRoles(JsonNode transformedTemplate) {
        this.template = transformedTemplate;
        this.resources = Json.at(transformedTemplate, "Resources").orElseThrow();
    }

    /** The logical id of the role the function runs with ({@code Role: !GetAtt XRole.Arn}). */
    public String roleOf(String function) {
        JsonNode role = Json.at(resource(function), "Properties", "Role", "Fn::GetAtt").orElseThrow(
                () -> new IllegalStateException(function + " has no Role: !GetAtt <role>.Arn"));
        return role.isArray() ? role.asArray().get(0).text() : role.text().split("\\.")[0];
    }

    public List<String> roles() {
        return resources.asObject().entrySet().stream()
                .filter(entry -> Json.text(entry.getValue(), "Type").orElse("").equals("AWS::IAM::Role"))
                .map(Map.Entry::getKey).toList();
    }

    /** The statements of the function's role in the stack the run stands for. */
    public List<Statement> statements(FunctionRun run) {
        return statements(roleOf(run.function()), new Resolver(valuesFor(run)));
    }

    /** The statements of a role with the parameter defaults (and {@code parameters}): to list every grant. */
    public List<Statement> statements(String role, Map<String, String> parameters) {
        Map<String, String> values = defaults();
        values.putAll(parameters);
        return statements(role, new Resolver(values));
    }

    private List<Statement> statements(String role, Resolver resolver) {
        List<Statement> statements = new ArrayList<>();
        for (JsonNode written : Json.array(resource(role), "Properties", "Policies")) {
            JsonNode policy = resolver.chooseBranch(written);
            if (policy == null) {
                continue;
            }
            String policyName = Json.text(policy, "PolicyName").orElseThrow();
            List<JsonNode> entries = Json.array(policy, "PolicyDocument", "Statement");
            for (int index = 0; index < entries.size(); index++) {
                JsonNode entry = resolver.chooseBranch(entries.get(index));
                if (entry == null) {
                    continue;
                }
                String id = role + "/" + policyName + "/" + Json.text(entry, "Sid").orElse("#" + (index + 1));
                statements.add(resolver.statement(id, entry));
            }
        }
        return statements;
    }

    private Map<String, String> defaults() {
        Map<String, String> values = new HashMap<>();
        values.put("AWS::Region", CallMapping.REGION);
        values.put("AWS::AccountId", CallMapping.ACCOUNT);
        values.put("AWS::Partition", "aws");
        values.put("AWS::URLSuffix", "amazonaws.com");
        values.put("AWS::StackName", "ecs-api-onboarder");
        Json.at(template, "Parameters").ifPresent(parameters -> parameters.asObject().forEach((name, parameter) ->
                Json.at(parameter, "Default").ifPresent(value -> values.put(name, scalar(value)))));
        return values;
    }

    private Map<String, String> valuesFor(FunctionRun run) {
        Map<String, String> values = defaults();
        Json.at(resource(run.function()), "Properties", "Environment", "Variables").ifPresent(variables ->
                variables.asObject().forEach((variable, value) -> referenced(value).ifPresent(ref -> {
                    if (run.environment().containsKey(variable)) {
                        values.put(ref, run.environment().get(variable));
                    }
                })));
        values.putAll(run.parameters());
        return values;
    }

    /** The parameter or resource a variable's value is: {@code !Ref X} or {@code !Sub "${X}"}. */
    private static Optional<String> referenced(JsonNode value) {
        Optional<String> ref = Json.text(value, "Ref");
        if (ref.isPresent()) {
            return ref;
        }
        return Json.text(value, "Fn::Sub").map(SUB_VARIABLE::matcher).filter(Matcher::matches)
                .filter(variable -> variable.group(1).isEmpty() && !variable.group(2).contains("."))
                .map(variable -> variable.group(2));
    }

    private JsonNode resource(String logicalId) {
        JsonNode resource = resources.asObject().get(logicalId);
        if (resource == null) {
            throw new IllegalArgumentException("the transformed template has no resource " + logicalId);
        }
        return resource;
    }

    private static String scalar(JsonNode value) {
        return value.isString() ? value.text() : value.isNumber() ? value.asNumber() : String.valueOf(value.asBoolean());
    }

    /** Resolves intrinsics with one stack's values. */
    private final class Resolver {

        private final Map<String, String> values;

        Resolver(Map<String, String> values) {
            this.values = values;
        }

        /** A policy or statement written under {@code Fn::If} as the condition picks it; null for {@code AWS::NoValue}. */
        JsonNode chooseBranch(JsonNode entry) {
            JsonNode chosen = entry;
            while (Json.at(chosen, "Fn::If").isPresent()) {
                List<JsonNode> branches = Json.array(chosen, "Fn::If");
                chosen = condition(branches.get(0).text()) ? branches.get(1) : branches.get(2);
            }
            return Json.text(chosen, "Ref").orElse("").equals("AWS::NoValue") ? null : chosen;
        }

        Statement statement(String id, JsonNode entry) {
            List<Statement.Resource> arns = new ArrayList<>();
            JsonNode resource = Json.at(entry, "Resource").orElseThrow(() -> new IllegalStateException(id + " has no Resource"));
            for (JsonNode source : resource.isArray() ? resource.asArray() : List.of(resource)) {
                strings(resolve(source)).forEach(arn -> arns.add(new Statement.Resource(arn, render(source))));
            }
            Map<String, Map<String, List<String>>> conditions = new LinkedHashMap<>();
            Json.at(entry, "Condition").ifPresent(all -> all.asObject().forEach((operator, keys) -> {
                Map<String, List<String>> byKey = new LinkedHashMap<>();
                keys.asObject().forEach((key, value) -> byKey.put(key, strings(resolve(value))));
                conditions.put(operator, byKey);
            }));
            return new Statement(id, Json.text(entry, "Effect").orElseThrow().equals("Allow"),
                    strings(resolve(Json.at(entry, "Action").orElseThrow())), arns, conditions);
        }

        boolean condition(String name) {
            JsonNode definition = Json.at(template, "Conditions", name)
                    .orElseThrow(() -> new IllegalStateException("no condition " + name));
            return truth(definition);
        }

        private boolean truth(JsonNode node) {
            if (Json.at(node, "Condition").isPresent()) {
                return condition(Json.text(node, "Condition").orElseThrow());
            }
            String function = node.asObject().keySet().iterator().next();
            List<JsonNode> arguments = Json.array(node, function);
            return switch (function) {
                case "Fn::Equals" -> String.valueOf(resolve(arguments.get(0))).equals(String.valueOf(resolve(arguments.get(1))));
                case "Fn::Not" -> !truth(arguments.get(0));
                case "Fn::And" -> arguments.stream().allMatch(this::truth);
                case "Fn::Or" -> arguments.stream().anyMatch(this::truth);
                default -> throw new IllegalStateException("condition function " + function + " is not known");
            };
        }

        Object resolve(JsonNode node) {
            if (node.isArray()) {
                List<Object> items = new ArrayList<>();
                for (JsonNode item : node.asArray()) {
                    Object value = resolve(item);
                    if (value != NO_VALUE) {
                        items.add(value);
                    }
                }
                return items;
            }
            if (!node.isObject()) {
                return scalar(node);
            }
            Map<String, JsonNode> object = node.asObject();
            if (object.size() == 1) {
                String key = object.keySet().iterator().next();
                JsonNode argument = object.get(key);
                switch (key) {
                    case "Ref" -> {
                        return argument.text().equals("AWS::NoValue") ? NO_VALUE : ref(argument.text());
                    }
                    case "Fn::Sub" -> {
                        return sub(argument);
                    }
                    case "Fn::GetAtt" -> {
                        return argument.isArray() ? getAtt(argument.asArray().get(0).text(), argument.asArray().get(1).text())
                                : getAtt(argument.text().split("\\.")[0], argument.text().split("\\.", 2)[1]);
                    }
                    case "Fn::If" -> {
                        List<JsonNode> branches = argument.asArray();
                        return resolve(condition(branches.get(0).text()) ? branches.get(1) : branches.get(2));
                    }
                    case "Fn::Join" -> {
                        return String.join(argument.asArray().get(0).text(), strings(resolve(argument.asArray().get(1))));
                    }
                    case "Fn::Split" -> {
                        return List.<Object>copyOf(List.of(String.valueOf(resolve(argument.asArray().get(1)))
                                .split(Pattern.quote(argument.asArray().get(0).text()), -1)));
                    }
                    case "Fn::Select" -> {
                        return strings(resolve(argument.asArray().get(1)))
                                .get(Integer.parseInt(String.valueOf(resolve(argument.asArray().get(0)))));
                    }
                    default -> {
                        if (key.startsWith("Fn::")) {
                            throw new IllegalStateException("intrinsic " + key + " is not known to TemplateRoles");
                        }
                    }
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            object.forEach((key, value) -> resolved.put(key, resolve(value)));
            return resolved;
        }

        private String ref(String name) {
            return values.getOrDefault(name, "unresolved:" + name);
        }

        private String sub(JsonNode argument) {
            String text = argument.isArray() ? argument.asArray().get(0).text() : argument.text();
            Map<String, String> local = new HashMap<>();
            if (argument.isArray()) {
                argument.asArray().get(1).asObject().forEach((name, value) -> local.put(name, String.valueOf(resolve(value))));
            }
            Matcher variables = SUB_VARIABLE.matcher(text);
            StringBuilder out = new StringBuilder();
            while (variables.find()) {
                String name = variables.group(2);
                String value = !variables.group(1).isEmpty() ? "${" + name + "}"
                        : local.containsKey(name) ? local.get(name)
                        : name.contains(".") ? getAtt(name.split("\\.")[0], name.split("\\.", 2)[1]) : ref(name);
                variables.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            variables.appendTail(out);
            return out.toString();
        }

        private String getAtt(String logicalId, String attribute) {
            JsonNode resource = resources.asObject().get(logicalId);
            String type = resource == null ? "" : Json.text(resource, "Type").orElse("");
            String prefix = "arn:" + ref("AWS::Partition") + ":";
            if (type.equals("AWS::SQS::Queue") && attribute.equals("Arn")) {
                String url = values.get(logicalId);
                String name = url != null ? url.substring(url.lastIndexOf('/') + 1)
                        : String.valueOf(resolve(Json.at(resource, "Properties", "QueueName").orElseThrow()));
                return prefix + "sqs:" + ref("AWS::Region") + ":" + ref("AWS::AccountId") + ":" + name;
            }
            if (type.equals("AWS::Logs::LogGroup") && attribute.equals("Arn")) {
                return prefix + "logs:" + ref("AWS::Region") + ":" + ref("AWS::AccountId") + ":log-group:"
                        + resolve(Json.at(resource, "Properties", "LogGroupName").orElseThrow()) + ":*";
            }
            return "unresolved:" + logicalId + "." + attribute;
        }
    }

    private static List<String> strings(Object value) {
        if (value instanceof List<?> list) {
            List<String> strings = new ArrayList<>();
            list.forEach(item -> strings.addAll(strings(item)));
            return strings;
        }
        return value == NO_VALUE ? List.of() : List.of(String.valueOf(value));
    }

    /** The template text of a resource entry, the name of its grant whatever the stack's values. */
    private static String render(JsonNode source) {
        if (source.isString()) {
            return source.text();
        }
        if (Json.text(source, "Fn::Sub").isPresent()) {
            return Json.text(source, "Fn::Sub").orElseThrow();
        }
        List<JsonNode> sub = Json.array(source, "Fn::Sub");
        if (!sub.isEmpty()) {
            return sub.get(0).text();
        }
        List<JsonNode> split = Json.array(source, "Fn::Split");
        if (split.size() == 2) {
            return render(split.get(1));
        }
        JsonNode getAtt = Json.at(source, "Fn::GetAtt").orElse(null);
        if (getAtt != null && getAtt.isArray()) {
            return "!GetAtt " + getAtt.asArray().get(0).text() + "." + getAtt.asArray().get(1).text();
        }
        return source.toString();
    }
}
