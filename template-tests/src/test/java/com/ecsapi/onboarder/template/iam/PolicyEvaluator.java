package com.ecsapi.onboarder.template.iam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IAM's identity-policy evaluation for one request: an explicit Deny wins, else some Allow must match the action
 * (case-insensitive, {@code *} and {@code ?} wildcards), the resource ({@code *} and {@code ?}, case-sensitive) and
 * every condition. Conditions: the String*, Arn*, Bool and Null operators, with {@code ForAnyValue:} /
 * {@code ForAllValues:} and {@code ...IfExists}; an operator it does not know fails loudly instead of guessing.
 */
public final class PolicyEvaluator {

    public enum Effect { ALLOWED, IMPLICITLY_DENIED, EXPLICITLY_DENIED }

    /** The outcome, and for an allowed request the grants that allowed it. */
    public record Decision(Effect effect, List<Grant> grants, String deniedBy) {
    }

    private PolicyEvaluator() {
    }

    public static Decision evaluate(List<Statement> statements, IamRequest request) {
        List<Grant> grants = new ArrayList<>();
        for (Statement statement : statements) {
            Optional<Grant> match = match(statement, request);
            if (match.isEmpty()) {
                continue;
            }
            if (!statement.allow()) {
                return new Decision(Effect.EXPLICITLY_DENIED, List.of(), statement.id());
            }
            grants.add(match.get());
        }
        return grants.isEmpty() ? new Decision(Effect.IMPLICITLY_DENIED, List.of(), null)
                : new Decision(Effect.ALLOWED, List.copyOf(grants), null);
    }

    private static Optional<Grant> match(Statement statement, IamRequest request) {
        Optional<String> action = statement.actions().stream()
                .filter(pattern -> wildcard(pattern, true).matcher(request.action()).matches()).findFirst();
        Optional<Statement.Resource> resource = statement.resources().stream()
                .filter(pattern -> wildcard(pattern.arn(), false).matcher(request.resource()).matches()).findFirst();
        if (action.isEmpty() || resource.isEmpty() || !conditionsHold(statement.conditions(), request.context())) {
            return Optional.empty();
        }
        return Optional.of(new Grant(statement.id(), action.get(), resource.get().source()));
    }

    static boolean conditionsHold(Map<String, Map<String, List<String>>> conditions, Map<String, List<String>> context) {
        for (Map.Entry<String, Map<String, List<String>>> operator : conditions.entrySet()) {
            for (Map.Entry<String, List<String>> key : operator.getValue().entrySet()) {
                if (!holds(operator.getKey(), key.getValue(), valuesOf(context, key.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<String> valuesOf(Map<String, List<String>> context, String key) {
        return context.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(key))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static boolean holds(String operator, List<String> policyValues, List<String> requestValues) {
        if (operator.equals("Null")) {
            boolean absent = requestValues == null || requestValues.isEmpty();
            return policyValues.stream().anyMatch(value -> Boolean.parseBoolean(value) == absent);
        }
        String set = operator.startsWith("ForAnyValue:") ? "any" : operator.startsWith("ForAllValues:") ? "all" : "";
        String base = operator.substring(operator.indexOf(':') + 1);
        boolean ifExists = base.endsWith("IfExists");
        if (ifExists) {
            base = base.substring(0, base.length() - "IfExists".length());
        }
        boolean negated = base.contains("Not");
        String positive = base.replace("Not", "");
        if (requestValues == null || requestValues.isEmpty()) {
            return ifExists || set.equals("all") || (negated && set.isEmpty());
        }
        if (set.equals("all")) {
            return requestValues.stream().allMatch(value -> matchesAny(positive, policyValues, value) != negated);
        }
        boolean any = requestValues.stream().anyMatch(value -> matchesAny(positive, policyValues, value));
        return any != negated;
    }

    private static boolean matchesAny(String operator, List<String> policyValues, String value) {
        return policyValues.stream().anyMatch(policyValue -> switch (operator) {
            case "StringEquals", "ArnEquals" -> policyValue.equals(value);
            case "StringEqualsIgnoreCase" -> policyValue.equalsIgnoreCase(value);
            case "StringLike", "ArnLike" -> wildcard(policyValue, false).matcher(value).matches();
            case "Bool" -> policyValue.equalsIgnoreCase(value);
            default -> throw new IllegalArgumentException("condition operator " + operator
                    + " is not known to the IAM judge; teach PolicyEvaluator its meaning before using it");
        });
    }

    private static Pattern wildcard(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return ignoreCase ? Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL)
                : Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
