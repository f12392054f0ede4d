package dev.ballast.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.formats.PlanWriter;
import dev.ballast.model.MigrationPlan;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The answers as a {@code ballast/v1 WhatIfReport} JSON document, for a program: for every case
 * its {@code name}, {@code kind}, {@code verdict} ({@code ok} or {@code not-ok}) and its
 * evidence; a {@code fail} case lists {@code hosts: [{"host", "absorbable", "stranded", "short",
 * "decidedBy"}]},
 * one entry per failed host. Field by field in docs/what-if.md.
 */
public final class AnswersJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AnswersJson() {
    }

    public static String write(WhatIfAnswers answers) {
        ObjectNode root = JSON.createObjectNode();
        root.put("apiVersion", "ballast/v1");
        root.put("kind", "WhatIfReport");
        root.put("policy", answers.policy().name());
        root.put("hosts", answers.snapshot().hosts().size());
        root.put("vms", answers.snapshot().vms().size());
        root.put("verdict", Verdict.of(answers.allOk()).key());
        ArrayNode cases = root.putArray("cases");
        answers.answers().forEach(answer -> cases.add(of(answer)));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode of(Answer answer) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", answer.name());
        node.put("kind", answer.kind());
        node.put("verdict", answer.verdict().key());
        node.put("summary", answer.summary());
        if (answer instanceof Answer.Fail fail) {
            node.put("any", fail.any());
            ArrayNode hosts = node.putArray("hosts");
            for (HostLoss loss : fail.hosts()) {
                ObjectNode host = hosts.addObject();
                host.put("host", loss.host());
                host.put("vms", loss.vms());
                host.put("absorbable", loss.absorbable());
                strings(host.putArray("stranded"), loss.stranded());
                host.put("short", loss.shortOf());
                if (!loss.restarts().isEmpty()) {
                    ObjectNode restarts = host.putObject("restarts");
                    loss.restarts().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                            .forEach(e -> restarts.put(e.getKey(), e.getValue()));
                }
                host.put("othersMoved", loss.othersMoved());
                if (!loss.moves().isEmpty()) {
                    ObjectNode moves = host.putObject("moves");
                    loss.moves().forEach(moves::put);
                }
                host.put("decidedBy", loss.decidedBy().key());
            }
        } else if (answer instanceof Answer.Maintenance maintenance) {
            strings(node.putArray("hosts"), maintenance.hosts());
            node.put("together", maintenance.together());
            ArrayNode groups = node.putArray("groups");
            maintenance.groups().forEach(g -> strings(groups.addArray(), g));
            strings(node.putArray("cannotGo"), maintenance.cannotGo());
            node.put("estimatedSeconds", maintenance.estimatedSeconds());
            ArrayNode plans = node.putArray("plans");
            maintenance.plans().forEach(p -> plans.add(JSON.valueToTree(p)));
            strings(node.putArray("reasons"), maintenance.reasons());
            plan(node, maintenance.plan());
        } else if (answer instanceof Answer.Fit fit) {
            node.put("fits", fit.fits());
            strings(node.putArray("standbyOn"), fit.standbyOn());
            node.set("figures", fit.figures() == null ? null : JSON.valueToTree(fit.figures()));
            strings(node.putArray("reasons"), fit.reasons());
            plan(node, fit.plan());
        } else if (answer instanceof Answer.FitMore fitMore) {
            node.put("count", fitMore.count());
            node.put("withStandby", fitMore.withStandby());
            ObjectNode perHost = node.putObject("perHost");
            fitMore.perHost().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> perHost.put(e.getKey(), e.getValue()));
            ObjectNode boundBy = node.putObject("boundBy");
            fitMore.boundBy().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> boundBy.put(e.getKey(), e.getValue()));
        } else if (answer instanceof Answer.Compare compare) {
            ArrayNode policies = node.putArray("policies");
            for (Answer.PolicyResult result : compare.policies()) {
                ObjectNode policy = policies.addObject();
                policy.put("policy", result.policy());
                policy.set("figures", result.figures() == null ? null : JSON.valueToTree(result.figures()));
                strings(policy.putArray("reasons"), result.reasons());
            }
        }
        return node;
    }

    private static void plan(ObjectNode node, MigrationPlan plan) {
        if (plan == null) {
            node.putNull("plan");
            return;
        }
        try {
            node.set("plan", JSON.readTree(PlanWriter.toJson(plan)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
