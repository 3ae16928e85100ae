package com.ecsapi.onboarder.template.iam;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Judges every journaled call against the role of the function that made it: a call no statement allows (or one a
 * Deny refuses, or one with no IAM mapping) is a denial; a grant no allowed call matched is unused.
 */
public final class IamJudge {

    /** A call AWS would refuse: {@code why} says which rule. Identical refusals are counted, not repeated. */
    public record Denial(String function, String role, String call, String request, String why) implements Comparable<Denial> {

        @Override
        public int compareTo(Denial other) {
            return toString().compareTo(other.toString());
        }

        @Override
        public String toString() {
            return function + " (" + role + "): " + call + " needs " + request + " -> " + why;
        }
    }

    public record Verdict(SortedMap<Denial, Integer> denials, SortedSet<Grant> granted, SortedSet<Grant> used) {

        public SortedSet<Grant> unused() {
            SortedSet<Grant> unused = new TreeSet<>(granted);
            unused.removeAll(used);
            return unused;
        }
    }

    private IamJudge() {
    }

    /**
     * @param everyGrant parameters under which every conditional statement applies, to list all grants
     */
    public static Verdict judge(TemplateRoles roles, Collection<RecordedCall> calls, Map<String, String> everyGrant) {
        SortedMap<Denial, Integer> denials = new TreeMap<>();
        SortedSet<Grant> used = new TreeSet<>();
        Map<FunctionRun, List<Statement>> statementsByRun = new HashMap<>();
        for (RecordedCall call : calls) {
            String role = roles.roleOf(call.run().function());
            List<Statement> statements = statementsByRun.computeIfAbsent(call.run(), roles::statements);
            List<IamRequest> requests;
            try {
                requests = CallMapping.requests(call);
            } catch (IllegalArgumentException unmapped) {
                denials.merge(new Denial(call.run().function(), role, call.toString(), "?", unmapped.getMessage()), 1, Integer::sum);
                continue;
            }
            for (IamRequest request : requests) {
                PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(statements, request);
                switch (decision.effect()) {
                    case ALLOWED -> used.addAll(decision.grants());
                    case IMPLICITLY_DENIED -> denials.merge(new Denial(call.run().function(), role, call.toString(),
                            request.toString(), "no statement allows it"), 1, Integer::sum);
                    case EXPLICITLY_DENIED -> denials.merge(new Denial(call.run().function(), role, call.toString(),
                            request.toString(), "denied by " + decision.deniedBy()), 1, Integer::sum);
                }
            }
        }
        SortedSet<Grant> granted = new TreeSet<>();
        for (String role : roles.roles()) {
            for (Statement statement : roles.statements(role, everyGrant)) {
                if (statement.allow()) {
                    granted.addAll(grants(statement));
                }
            }
        }
        return new Verdict(denials, granted, used);
    }

    private static List<Grant> grants(Statement statement) {
        List<Grant> grants = new ArrayList<>();
        for (String action : statement.actions()) {
            statement.resources().stream().map(Statement.Resource::source).distinct()
                    .forEach(source -> grants.add(new Grant(statement.id(), action, source)));
        }
        return grants;
    }
}
