package com.ecsapi.onboarder.onboarding.operator;

import com.ecsapi.onboarder.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operator tools' output: a table for people, JSON ({@code --json}) for scripts. */
public final class Report {

    private static final List<String> ROUTE_COLUMNS = List.of("API", "STAGES", "PATH", "PATTERN", "VPC LINK",
            "LOAD BALANCER:PORT", "TARGET", "SERVICE", "STATE", "DRIFT");

    private Report() {
    }

    public static String inventoryText(Inventory inventory) {
        StringBuilder text = new StringBuilder(routesTable(inventory.routes()));
        text.append(inventory.routes().size()).append(" route(s), ").append(inventory.drifts().size())
                .append(" drift finding(s)\n");
        inventory.drifts().forEach(drift -> text.append(driftLine(drift)));
        return text.toString();
    }

    public static String inventoryJson(Inventory inventory) {
        return Json.write(inventoryMap(inventory)) + "\n";
    }

    public static String explanationText(Explanation explanation) {
        StringBuilder text = new StringBuilder();
        line(text, "Service", explanation.service() + " (" + explanation.status() + ")");
        List<String> tags = new ArrayList<>();
        explanation.tags().forEach((key, value) -> tags.add(key + "=" + value));
        line(text, "Tags", tags.isEmpty() ? "(none)" : String.join(" ", tags));
        line(text, "Verdict", explanation.verdict());
        line(text, "Pattern", explanation.pattern() == null ? "(none)" : explanation.pattern());
        line(text, "Why", explanation.why());
        List<String> should = new ArrayList<>();
        explanation.should().forEach((key, value) -> {
            if (value != null) {
                should.add(key + "=" + value);
            }
        });
        line(text, "Should", String.join(" ", should));
        text.append("Exists:\n").append(explanation.exists().routes().isEmpty() ? "  (no route)\n"
                : indent(routesTable(explanation.exists().routes())));
        explanation.exists().drifts().forEach(drift -> text.append(driftLine(drift)));
        line(text, "Next", explanation.nextOutcome() + (explanation.nextReason() == null ? ""
                : " (" + explanation.nextReason() + ")") + ": " + explanation.nextChanges().size() + " change(s)"
                + (explanation.nextDeployments().isEmpty() ? "" : ", deploys " + String.join(" ",
                explanation.nextDeployments())));
        explanation.nextChanges().forEach(change -> text.append("  ").append(change).append('\n'));
        line(text, "Last", Optional.ofNullable(explanation.lastDecision()).map(decision -> decision.timestamp() + " "
                + decision.outcome()
                + (decision.reason() == null ? "" : " (" + decision.reason() + ")")
                + (decision.pattern() == null ? "" : " " + decision.pattern())
                + (decision.detail() == null || decision.detail().equals(decision.pattern()) ? ""
                : ": " + decision.detail())
                + (decision.trigger() == null ? "" : " [trigger " + decision.trigger() + "]")
                + (decision.dryRun() ? " [dry run]" : "")).orElse("(no decision found)"));
        line(text, "Log", explanation.decisionSource());
        return text.toString();
    }

    public static String explanationJson(List<Explanation> explanations) {
        return Json.write(explanations.stream().map(Report::explanationMap).toList()) + "\n";
    }

    private static Map<String, Object> explanationMap(Explanation explanation) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("service", explanation.service());
        map.put("status", explanation.status());
        map.put("tags", explanation.tags());
        map.put("verdict", explanation.verdict());
        map.put("pattern", explanation.pattern());
        map.put("why", explanation.why());
        map.put("should", explanation.should());
        map.put("exists", inventoryMap(explanation.exists()));
        Map<String, Object> next = new LinkedHashMap<>();
        next.put("outcome", explanation.nextOutcome());
        next.put("reason", explanation.nextReason());
        next.put("changes", explanation.nextChanges());
        next.put("deployments", explanation.nextDeployments());
        map.put("nextReconcile", next);
        map.put("lastDecision", explanation.lastDecision() == null ? null : decisionMap(explanation.lastDecision()));
        map.put("decisionSource", explanation.decisionSource());
        return map;
    }

    private static Map<String, Object> decisionMap(LoggedDecision decision) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("timestamp", decision.timestamp());
        map.put("message", decision.message());
        map.put("action", decision.action());
        map.put("outcome", decision.outcome());
        map.put("reason", decision.reason());
        map.put("detail", decision.detail());
        map.put("pattern", decision.pattern());
        map.put("why", decision.why());
        map.put("trigger", decision.trigger());
        map.put("dryRun", decision.dryRun());
        return map;
    }

    private static Map<String, Object> inventoryMap(Inventory inventory) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("routes", inventory.routes().stream().map(Report::routeMap).toList());
        map.put("drift", inventory.drifts().stream().map(Report::driftMap).toList());
        return map;
    }

    private static Map<String, Object> routeMap(Route route) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("api", route.apiId());
        map.put("apiKind", route.apiKind());
        map.put("stages", route.stages());
        map.put("path", route.path());
        map.put("inApi", route.inApi());
        map.put("pattern", route.pattern());
        map.put("vpcLink", route.vpcLink());
        map.put("loadBalancer", route.loadBalancer());
        map.put("port", route.port() == 0 ? null : route.port());
        map.put("target", route.target());
        map.put("service", route.service());
        map.put("serviceState", route.serviceState());
        map.put("drift", route.drift().stream().map(drift -> drift.kind().name()).distinct().toList());
        return map;
    }

    private static Map<String, Object> driftMap(Drift drift) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("kind", drift.kind());
        map.put("object", drift.object());
        map.put("service", drift.service());
        map.put("detail", drift.detail());
        return map;
    }

    private static String routesTable(List<Route> routes) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(ROUTE_COLUMNS);
        for (Route route : routes) {
            rows.add(List.of(route.apiId() + " (" + route.apiKind() + ")",
                    route.stages().isEmpty() ? "-" : String.join(",", route.stages()),
                    route.path() + (route.inApi() ? "" : " (removed, still served)"),
                    route.pattern(), orDash(route.vpcLink()),
                    route.loadBalancer() == null ? "-" : route.loadBalancer() + (route.port() == 0 ? "" : ":" + route.port()),
                    orDash(route.target()), Inventory.name(route.service()), route.serviceState(),
                    route.drift().isEmpty() ? "-" : String.join(",", route.drift().stream()
                            .map(drift -> drift.kind().name()).distinct().toList())));
        }
        int[] widths = new int[ROUTE_COLUMNS.size()];
        rows.forEach(row -> {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        });
        StringBuilder text = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.size(); column++) {
                line.append(String.format("%-" + widths[column] + "s", row.get(column)));
                if (column < row.size() - 1) {
                    line.append("  ");
                }
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String driftLine(Drift drift) {
        return "  " + drift.kind() + ": " + drift.detail() + "\n";
    }

    private static String indent(String text) {
        return text.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(String.format("%-8s", label + ":")).append(' ').append(value).append('\n');
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
