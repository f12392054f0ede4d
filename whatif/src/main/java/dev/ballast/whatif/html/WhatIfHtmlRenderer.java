package dev.ballast.whatif.html;

import dev.ballast.reports.html.HtmlPage;
import dev.ballast.reports.html.Svg;
import dev.ballast.whatif.Answer;
import dev.ballast.whatif.HostLoss;
import dev.ballast.whatif.WhatIfAnswers;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of a what-if run as one self-contained HTML page, for a person on screen or on
 * paper: the verdict table, then each case with its chart and evidence. The page's frame, styles
 * and chart drawing are the reports module's ({@link HtmlPage}); the body is this module's
 * template {@code whatif/report.jte}.
 */
public final class WhatIfHtmlRenderer {

    /** Names listed in a case before the rest are only counted. */
    public static final int NAMES = 60;

    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            WhatIfHtmlRenderer.class.getClassLoader(), "dev.ballast.whatif.html.templates");

    /** One case as the page shows it: its answer, its chart (or null) and its anchor. */
    public record Section(Answer answer, Svg chart, String anchor) {

        /** For a fail case: the hosts whose loss cannot be absorbed, the first {@link #NAMES}. */
        public List<HostLoss> lost() {
            return answer instanceof Answer.Fail fail
                    ? fail.hosts().stream().filter(h -> !h.absorbable()).limit(NAMES).toList() : List.of();
        }

        public Answer.Fail fail() {
            return answer instanceof Answer.Fail a ? a : null;
        }

        public Answer.Maintenance maintenance() {
            return answer instanceof Answer.Maintenance a ? a : null;
        }

        public Answer.Fit fit() {
            return answer instanceof Answer.Fit a ? a : null;
        }

        public Answer.FitMore fitMore() {
            return answer instanceof Answer.FitMore a ? a : null;
        }

        public Answer.Compare compare() {
            return answer instanceof Answer.Compare a ? a : null;
        }

        /** For a fail case: the other VMs moved first to make room, each once, in the order they move. */
        public Map<String, String> moves() {
            Map<String, String> moves = new LinkedHashMap<>();
            if (answer instanceof Answer.Fail fail) {
                fail.hosts().forEach(h -> moves.putAll(h.moves()));
            }
            return moves;
        }

        /** For a fail case: how many hosts' loss cannot be absorbed. */
        public long lostCount() {
            return answer instanceof Answer.Fail fail ? fail.hosts().stream().filter(h -> !h.absorbable()).count() : 0;
        }
    }

    /** What the template shows. */
    public record Report(WhatIfAnswers answers, List<Section> sections) {
    }

    private WhatIfHtmlRenderer() {
    }

    public static String render(WhatIfAnswers answers) {
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < answers.answers().size(); i++) {
            Answer answer = answers.answers().get(i);
            String id = "case-" + (i + 1);
            sections.add(new Section(answer, CaseCharts.of(answer, answers.snapshot(), answers.policy(), id + "-chart"), id));
        }
        Report report = new Report(answers, sections);
        return HtmlPage.render("What if: " + answers.snapshot().hosts().size() + " hosts, "
                + answers.snapshot().vms().size() + " VMs", "policy " + answers.policy().name() + " · "
                + answers.answers().size() + " cases · " + answers.answers().stream()
                        .filter(a -> a.verdict() == dev.ballast.whatif.Verdict.OK).count() + " ok",
                output -> TEMPLATES.render("whatif/report.jte", Map.of("report", report), output));
    }
}
