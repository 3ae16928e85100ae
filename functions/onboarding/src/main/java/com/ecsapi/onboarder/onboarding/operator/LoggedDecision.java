package com.ecsapi.onboarder.onboarding.operator;

import com.ecsapi.onboarder.json.Json;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Optional;

/**
 * A decision line of the onboarding function about one service, as {@code DecisionLog} writes it: a reconcile
 * ({@code "Service reconciled"}) or a failure ({@code "Reconcile failed..."}).
 */
public record LoggedDecision(String timestamp, String message, String action, String outcome, String reason, String detail,
                       String pattern, String why, String trigger, boolean dryRun) {

    private static final String RECONCILED = "Service reconciled";
    private static final String FAILED = "Reconcile failed";

    /**
     * The latest decision about {@code serviceArn} among log lines (each a JSON object, possibly after a prefix such
     * as the timestamp a log viewer adds); other lines are ignored.
     */
    public static Optional<LoggedDecision> last(Collection<String> lines, String serviceArn) {
        LoggedDecision latest = null;
        for (String line : lines) {
            Optional<Parsed> parsed = parse(line).filter(candidate -> serviceArn.equals(candidate.service()));
            if (parsed.isPresent() && (latest == null || !parsed.get().decision().at().isBefore(latest.at()))) {
                latest = parsed.get().decision();
            }
        }
        return Optional.ofNullable(latest);
    }

    /** When it was logged; lines without a readable timestamp count as the oldest. */
    Instant at() {
        try {
            return timestamp == null ? Instant.MIN : Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return Instant.MIN;
        }
    }

    private record Parsed(String service, LoggedDecision decision) {
    }

    private static Optional<Parsed> parse(String line) {
        int start = line.indexOf('{');
        if (start < 0) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = Json.parse(line.substring(start));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        String message = Json.text(node, "message").orElse("");
        if (!message.equals(RECONCILED) && !message.startsWith(FAILED)) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(Json.text(node, "service").orElse(null), new LoggedDecision(
                Json.text(node, "timestamp").orElse(null), message, text(node, "action"), text(node, "outcome"),
                text(node, "reason"), text(node, "detail"), text(node, "pattern"), text(node, "why"),
                text(node, "trigger"), Json.at(node, "dryRun").map(JsonNode::asBoolean).orElse(false))));
    }

    private static String text(JsonNode node, String field) {
        return Json.text(node, field).orElse(null);
    }
}
