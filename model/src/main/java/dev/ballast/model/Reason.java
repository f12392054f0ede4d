package dev.ballast.model;

import java.util.List;
import java.util.Objects;

/**
 * Why a step of a plan is there: in words for people ({@code relieves host-017: cpu 91.9% ->
 * 84.2% (limit 85%)}), and as the terms those words come from, for programs. A plan's planner
 * works it out by replaying the plan; see {@code docs/plan.md}.
 */
public record Reason(String text, List<Term> terms) {

    public Reason {
        Objects.requireNonNull(text, "text");
        terms = List.copyOf(terms);
    }

    /** The terms in the generic words, in order, joined by {@code ; }; a term that follows one of its kind continues it. */
    public static Reason of(List<Term> terms) {
        StringBuilder text = new StringBuilder();
        Term previous = null;
        for (Term term : terms) {
            boolean continued = previous != null && previous.kind() == term.kind() && continues(term.kind());
            text.append(previous == null ? "" : continued ? ", " : "; ").append(term.words(continued));
            previous = term;
        }
        return new Reason(text.toString(), terms);
    }

    /** Kinds whose terms read as one list under one verb. */
    private static boolean continues(Term.Kind kind) {
        return kind == Term.Kind.RELIEVES || kind == Term.Kind.EVENS;
    }
}
