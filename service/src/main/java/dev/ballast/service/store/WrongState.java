package dev.ballast.service.store;

/**
 * A plan cannot go where it was asked to from where it is (approving a rejected plan, running a
 * cancelled one). The API answers it with 409 Conflict.
 */
public final class WrongState extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient PlanState from;
    private final transient PlanState to;

    public WrongState(long id, PlanState from, PlanState to) {
        super("plan " + id + " is " + from.key() + " and cannot become " + to.key()
                + (from.isFinal() ? " (" + from.key() + " is final)"
                : "; from " + from.key() + " it may become " + String.join(", ",
                        from.next().stream().map(PlanState::key).toList())));
        this.from = from;
        this.to = to;
    }

    public PlanState from() {
        return from;
    }

    public PlanState to() {
        return to;
    }
}
