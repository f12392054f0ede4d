package dev.ballast.executor;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * One line of a journal read back, typed: what reconciliation and the check of the plan's
 * identity need. Reads journals of every version of the executor (fields it lacks are null;
 * fields it does not know are ignored).
 *
 * @param event      {@code run}, {@code start}, {@code progress}, {@code note}, {@code done},
 *                   {@code skipped}, {@code failed}, {@code aborted}, {@code reconciled},
 *                   {@code unresolved}, or how a run ended ({@code finished}, {@code stopped}...)
 * @param step       the step's number; null for a run's entries
 * @param action     the step's action when not a migration ({@code power-off}...); null for a migration
 * @param host       a power step's host
 * @param outcome    a reconciled step's resolution: {@code done} or {@code not-done}
 * @param plan       a run's plan file
 * @param planSha256 a run's plan's SHA-256
 */
public record JournalEntry(String event, Instant at, Integer step, String action, String vm, String from, String to,
        String host, String outcome, String reason, String plan, String planSha256) {

    /** An entry of a journal line. */
    static JournalEntry of(JsonNode line) {
        return new JournalEntry(text(line, "event"), instant(line), line.hasNonNull("step") ? line.get("step").asInt()
                : null, text(line, "action"), text(line, "vm"), text(line, "from"), text(line, "to"),
                text(line, "host"), text(line, "outcome"), text(line, "reason"), text(line, "plan"),
                text(line, "planSha256"));
    }

    /**
     * The step's last event that says something of its outcome: {@code start}, {@code done},
     * {@code failed}, {@code aborted}, {@code skipped}, or {@code reconciled-done} /
     * {@code reconciled-not-done}; null for progress, notes and run entries.
     */
    String outcomeEvent() {
        if (step == null || event == null) {
            return null;
        }
        return switch (event) {
            case "start", "done", "failed", "aborted", "skipped" -> event;
            case "reconciled" -> "reconciled-" + outcome;
            default -> null;
        };
    }

    private static String text(JsonNode line, String field) {
        JsonNode value = line.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode line) {
        String at = text(line, "at");
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
