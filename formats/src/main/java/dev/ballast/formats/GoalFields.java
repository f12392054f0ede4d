package dev.ballast.formats;

/**
 * A goal's view of the policy file it is read from: its settings by path ({@code tolerance},
 * {@code weights.spread}), each getter returning the value, the default when absent, or null after
 * reporting the problem with its path, as every reader of {@code ballast/v1} files does.
 */
public final class GoalFields {

    private final NodeReader root;

    GoalFields(NodeReader root) {
        this.root = root;
    }

    /** True when the setting is given with a value other than null. */
    public boolean has(String path) {
        NodeReader parent = parentOf(path);
        return parent != null && parent.has(last(path));
    }

    public boolean isObject(String path) {
        NodeReader parent = parentOf(path);
        return parent != null && parent.isObject(last(path));
    }

    public boolean isNumber(String path) {
        NodeReader parent = parentOf(path);
        return parent != null && parent.isNumber(last(path));
    }

    /** A share of a host's capacity, in (0, 1]. */
    public Double fraction(String path, double absent) {
        return decimal(path, absent, Bound.FRACTION);
    }

    /** A number >= 0: a weight, a minimum. */
    public Double nonNegative(String path, double absent) {
        return decimal(path, absent, Bound.NON_NEGATIVE);
    }

    /** A whole number from {@code least} to {@code most}, such as a level. */
    public Integer wholeBetween(String path, int absent, int least, int most) {
        NodeReader parent = parentOf(path);
        if (parent == null) {
            return absent;
        }
        Bound bound = new Bound("must be from " + least + " to " + most, v -> v >= least && v <= most);
        return parent.integer(last(path), absent, bound, false);
    }

    /** Reports every field of the object at {@code path} that is not in {@code known}. */
    public void allowOnly(String path, String... known) {
        NodeReader object = at(path);
        if (object != null) {
            object.allowOnly(known);
        }
    }

    /** Reports the setting's value as not what was expected, for settings of more than one form; null. */
    public <T> T expected(String path, String what) {
        return parentOf(path).expected(last(path), what);
    }

    public void report(String path, String message) {
        root.report(path, message);
    }

    private Double decimal(String path, double absent, Bound bound) {
        NodeReader parent = parentOf(path);
        if (parent == null) {
            return absent;
        }
        return parent.decimal(last(path), absent, bound);
    }

    private NodeReader at(String path) {
        NodeReader node = root;
        for (String field : path.split("\\.")) {
            node = node == null ? null : node.child(field);
        }
        return node;
    }

    private NodeReader parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? root : at(path.substring(0, dot));
    }

    private static String last(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
