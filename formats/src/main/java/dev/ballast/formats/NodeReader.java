package dev.ballast.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A cursor on one object of a parsed file that knows its path ({@code vms[3].demand}) and
 * reports what is wrong with its fields instead of throwing.
 *
 * <p>Every getter returns the value, the default when the field is absent (or null), or null
 * when the field is wrong, after reporting why. Callers build a record only when nothing was
 * reported for it (see {@link Problems#addedSince}), so a wrong field never reaches the model.
 */
final class NodeReader {

    private static final int MAX_SHOWN_TEXT = 40;
    private static final String EXAMPLE_INSTANT = "2026-11-24T03:00:00Z";

    private final JsonNode node;
    private final Problems problems;
    // Where the object is: spelled out only when a problem or an entry asks for it, since a
    // snapshot has millions of objects and almost none has a problem.
    private final NodeReader parent;
    private final String field;
    private final int index;
    private String path;

    private NodeReader(JsonNode node, NodeReader parent, String field, int index, Problems problems) {
        this.node = node;
        this.parent = parent;
        this.field = field;
        this.index = index;
        this.problems = problems;
    }

    /** A reader on the document's root object. */
    static NodeReader root(JsonNode object, Problems problems) {
        NodeReader root = new NodeReader(object, null, null, -1, problems);
        root.path = "";
        return root;
    }

    /** Where this object is, as problems name it. */
    String path() {
        return spelled().isEmpty() ? Problem.FILE : spelled();
    }

    private String spelled() {
        if (path == null) {
            path = index < 0 ? parent.pathOf(field) : parent.pathOf(field, index);
        }
        return path;
    }

    /** This object's place in its list, when it is an element of one. */
    int index() {
        return index;
    }

    /** The entry this object, an element of a list, was read into: {@code vms[3]}, its name and what was built of it. */
    <T> Entry<T> entry(String name, T value) {
        return new Entry<>(parent.pathOf(field), index, name, value);
    }

    String pathOf(String field) {
        String path = spelled();
        if (isOddKey(field)) {
            // An empty key, or one with spaces, quotes or hidden characters: quoted, so the path stays readable.
            return path + "[\"" + Printable.escape(field).replace("\"", "\\\"") + "\"]";
        }
        return path.isEmpty() ? field : path + "." + field;
    }

    // A loop, not a regular expression: this runs for every field of every element of a file.
    private static boolean isOddKey(String field) {
        if (field.isEmpty()) {
            return true;
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c <= ' ' || c == '"' || c >= 0x7f && (Character.isWhitespace(c) || Printable.isHidden(c))) {
                return true;
            }
        }
        return false;
    }

    void report(String message) {
        problems.add(path(), message);
    }

    void report(String field, String message) {
        problems.add(pathOf(field), message);
    }

    /** True when the field is given with a value other than null. */
    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** True when the field is given as an object. */
    boolean isObject(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isObject();
    }

    /** True when the field is given as a string. */
    boolean isText(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual();
    }

    /** True when the field is given as a number. */
    boolean isNumber(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber();
    }

    /** Reports the field's value as not what was expected, for fields that take more than one form; null. */
    <T> T expected(String field, String expected) {
        return wrongType(pathOf(field), expected, valueOf(field));
    }

    /** True when the field is given as a list with nothing in it. */
    boolean isEmptyList(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isArray() && value.isEmpty();
    }

    /** Reports every field not in {@code known}: usually a typo, which would otherwise be silently ignored. */
    void allowOnly(String... known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!isOneOf(name, known)) {
                report(name, "unknown field (known: " + String.join(", ", known) + ")");
            }
        }
    }

    // A loop rather than a list: this runs for every element of a file of millions.
    private static boolean isOneOf(String name, String[] known) {
        for (String one : known) {
            if (one.equals(name)) {
                return true;
            }
        }
        return false;
    }

    String requiredText(String field) {
        return required(field) ? text(field) : null;
    }

    /** A name or a reference to one, following {@link Names#problemWith}; null when absent or wrong. */
    String name(String field, boolean required) {
        if (required && !required(field)) {
            return null;
        }
        String name = text(field);
        if (name == null || NameRule.problemWith(name).isEmpty()) {
            return name;
        }
        return checkedName(pathOf(field), name);
    }

    /** A list of names (storage or bridge ids, group members); an entry that is wrong is reported and read as null. */
    List<String> names(String field, boolean required) {
        List<String> names = new ArrayList<>();
        for (Item item : items(field, required)) {
            if (!item.value().isTextual()) {
                names.add(wrongType(item.path(), "a string", item.value()));
                continue;
            }
            String name = item.value().textValue();
            // The path is spelled only for a problem: this runs for every bridge of millions of VMs.
            names.add(NameRule.problemWith(name).isEmpty() ? name : checkedName(item.path(), name));
        }
        return names;
    }

    /** A URI with a scheme, such as {@code qemu+ssh://host-01/system}; null when absent or wrong. */
    String uri(String field, boolean required, String example) {
        String text = required ? requiredText(field) : text(field);
        if (text == null) {
            return null;
        }
        try {
            java.net.URI uri = new java.net.URI(text);
            if (uri.getScheme() != null && Printable.firstHidden(text) < 0) {
                return text;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        report(field, "expected a URI such as " + example + ", got " + describe(node.get(field)));
        return null;
    }

    private String checkedName(String where, String name) {
        if (name == null) {
            return null;
        }
        java.util.Optional<String> problem = Names.problemWith(name);
        if (problem.isPresent()) {
            problems.add(where, problem.get() + ", got " + describe(new com.fasterxml.jackson.databind.node.TextNode(name)));
            return null;
        }
        return name;
    }

    String text(String field) {
        JsonNode value = valueOf(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            return wrongType(pathOf(field), "a string", value);
        }
        return value.textValue();
    }

    Double requiredDecimal(String field, Bound bound) {
        return required(field) ? decimal(field, null, bound) : null;
    }

    Double decimal(String field, Double absent, Bound bound) {
        JsonNode value = valueOf(field);
        if (value == null) {
            return absent;
        }
        if (!value.isNumber()) {
            return wrongType(pathOf(field), "a number", value);
        }
        return checked(field, value.doubleValue(), bound);
    }

    Long requiredWhole(String field, Bound bound) {
        return required(field) ? whole(field, null, bound) : null;
    }

    Long whole(String field, Long absent, Bound bound) {
        JsonNode value = valueOf(field);
        if (value == null) {
            return absent;
        }
        if (value.isIntegralNumber() && !value.canConvertToLong() || value.isNumber() && !Double.isFinite(value.doubleValue())) {
            // 1e309 reads as infinity, 99999999999999999999 does not fit a long: refused by size, not by type.
            report(field, bound.ruleFor(value.doubleValue()) + ", got " + describe(value));
            return null;
        }
        if (!isWhole(value)) {
            return wrongType(pathOf(field), "an integer", value);
        }
        return checked(field, value.longValue(), bound);
    }

    /** A whole number that must also fit a Java int, e.g. a vCPU count. */
    Integer integer(String field, Integer absent, Bound bound, boolean required) {
        if (required && !required(field)) {
            return null;
        }
        Long value = whole(field, absent == null ? null : absent.longValue(), bound);
        if (value != null && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
            report(field, "must be <= " + Integer.MAX_VALUE + ", got " + value);
            return null;
        }
        return value == null ? null : value.intValue();
    }

    Boolean flag(String field, boolean absent) {
        JsonNode value = valueOf(field);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            return wrongType(pathOf(field), "true or false", value);
        }
        return value.booleanValue();
    }

    /**
     * A duration such as {@code 6h} (see {@link Durations}); {@code absent} when not given. A bare
     * number is refused, because its unit would be a guess, except {@code 0}, which needs none.
     */
    Duration duration(String field, Duration absent) {
        JsonNode value = valueOf(field);
        if (value == null) {
            return absent;
        }
        if (value.isNumber() && value.doubleValue() == 0) {
            return Duration.ZERO;
        }
        try {
            if (value.isTextual()) {
                return Durations.parse(value.textValue());
            }
        } catch (IllegalArgumentException e) {
            // reported below, in the words of this format
        }
        report(field, "expected a duration such as " + Durations.FORMS + " (0 for none), got " + describe(value));
        return null;
    }

    /** A moment in ISO-8601, e.g. {@code 2026-11-24T03:00:00Z} (an offset such as +01:00 may replace Z); null when not given or wrong. */
    Instant instant(String field) {
        String text = text(field);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            report(field, "expected an ISO-8601 instant such as " + EXAMPLE_INSTANT + ", got " + describe(node.get(field)));
            return null;
        }
    }

    /** One of a fixed set of values, spelled as {@code key} spells them; the error lists them all. */
    <E> E choice(String field, E[] values, Function<E, String> key, E absent, boolean required) {
        if (required && !required(field)) {
            return null;
        }
        JsonNode value = valueOf(field);
        if (value == null) {
            return absent;
        }
        if (value.isTextual()) {
            for (E candidate : values) {
                if (key.apply(candidate).equals(value.textValue())) {
                    return candidate;
                }
            }
        }
        String allowed = Arrays.stream(values).map(key).collect(Collectors.joining(", "));
        if (!value.isTextual()) {
            return wrongType(pathOf(field), "one of " + allowed, value);
        }
        report(field, "unknown value " + describe(value) + " (allowed: " + allowed + ")");
        return null;
    }

    /** A nested object, or null when absent or not an object. */
    NodeReader object(String field, boolean required) {
        if (required && !required(field)) {
            return null;
        }
        JsonNode value = valueOf(field);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            return wrongType(pathOf(field), "an object", value);
        }
        return new NodeReader(value, this, field, -1, problems);
    }

    /** A nested object without reporting anything: null when absent or not an object (reported elsewhere). */
    NodeReader child(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isObject() ? new NodeReader(value, this, field, -1, problems) : null;
    }

    /** A list of objects, each with its own reader ({@code hosts[2]}); empty when absent or wrong. */
    List<NodeReader> objects(String field, boolean required) {
        List<NodeReader> readers = new ArrayList<>();
        for (Item item : items(field, required)) {
            NodeReader reader = element(field, item.index(), item.value());
            if (reader != null) {
                readers.add(reader);
            }
        }
        return readers;
    }

    /**
     * A reader on the {@code index}-th element of this object's list field ({@code vms[3]}), given
     * its value, or null when it is no object, after reporting it.
     */
    NodeReader element(String field, int index, JsonNode value) {
        NodeReader reader = new NodeReader(value, this, field, index, problems);
        if (value.isObject()) {
            return reader;
        }
        wrongType(reader.path(), "an object", value);
        return null;
    }

    /**
     * A list of strings; empty when absent. An entry that is not a string is reported and read
     * as null, so that the others keep their index for later problems ({@code vms[2]}).
     */
    List<String> texts(String field, boolean required) {
        List<String> texts = new ArrayList<>();
        for (Item item : items(field, required)) {
            texts.add(item.value().isTextual() ? item.value().textValue() : wrongType(item.path(), "a string", item.value()));
        }
        return texts;
    }

    /**
     * A list of numbers within {@code bound}, e.g. a figure after each step of a plan; empty when
     * absent. An entry that is not a number, or out of bounds, is reported at its index and read
     * as null, so that the others keep their index.
     */
    List<Double> decimals(String field, boolean required, Bound bound) {
        List<Double> numbers = new ArrayList<>();
        for (Item item : items(field, required)) {
            JsonNode value = item.value();
            if (!value.isNumber()) {
                numbers.add(wrongType(item.path(), "a number", value));
            } else if (!bound.accepts(value.doubleValue())) {
                problems.add(item.path(), bound.ruleFor(value.doubleValue()) + ", got " + describe(value));
                numbers.add(null);
            } else {
                numbers.add(value.doubleValue());
            }
        }
        return numbers;
    }

    /**
     * An object whose every value is a string, e.g. a placement from VM to host, in file order;
     * empty when absent. Entries that are not strings are reported and left out.
     */
    Map<String, String> textMap(String field, boolean required) {
        NodeReader object = object(field, required);
        Map<String, String> map = new LinkedHashMap<>();
        if (object == null) {
            return map;
        }
        for (Iterator<String> names = object.node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String value = object.requiredText(name);
            if (value != null) {
                map.put(name, value);
            }
        }
        return map;
    }

    /** As {@link #textMap}, for an object whose keys and values are names, e.g. a placement from VM to host. */
    Map<String, String> nameMap(String field, boolean required) {
        Map<String, String> map = new LinkedHashMap<>();
        NodeReader object = object(field, required);
        if (object == null) {
            return map;
        }
        for (Iterator<String> names = object.node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String key = checkedName(object.pathOf(name), name);
            String value = object.name(name, true);
            if (key != null && value != null) {
                map.put(key, value);
            }
        }
        return map;
    }

    /** The path of the {@code index}-th entry of a list field. */
    String pathOf(String field, int index) {
        return pathOf(field) + "[" + index + "]";
    }

    /** One entry of a list; its path is spelled only when a problem names it. */
    private record Item(String list, int index, JsonNode value) {

        String path() {
            return list + "[" + index + "]";
        }
    }

    private List<Item> items(String field, boolean required) {
        if (required && !required(field)) {
            return List.of();
        }
        JsonNode value = valueOf(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            wrongType(pathOf(field), "a list", value);
            return List.of();
        }
        List<Item> items = new ArrayList<>(value.size());
        String base = pathOf(field);
        for (int i = 0; i < value.size(); i++) {
            items.add(new Item(base, i, value.get(i)));
        }
        return items;
    }

    private boolean required(String field) {
        if (has(field)) {
            return true;
        }
        report(field, "required");
        return false;
    }

    // One look-up, not two: this runs for every field of every element of a file.
    private JsonNode valueOf(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private <T extends Number> T checked(String field, T value, Bound bound) {
        if (bound.accepts(value.doubleValue())) {
            return value;
        }
        String shown = value instanceof Long ? value.toString() : Numbers.show(value.doubleValue());
        report(field, bound.ruleFor(value.doubleValue()) + ", got " + shown);
        return null;
    }

    // 8192.0 is accepted as the whole number it is; 8192.5 is not.
    private static boolean isWhole(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.canConvertToLong();
        }
        return value.isFloatingPointNumber() && value.canConvertToExactIntegral() && value.canConvertToLong();
    }

    private <T> T wrongType(String where, String expected, JsonNode value) {
        // YAML reads unquoted no, off, 1234 as a boolean or number: a host named "no" needs quotes.
        boolean quotable = expected.equals("a string") && value.isValueNode() && !value.isNull();
        problems.add(where, "expected " + expected + ", got " + describe(value)
                + (quotable ? " (put it in quotes if it is meant as text)" : ""));
        return null;
    }

    /** A value as the operator wrote it: strings quoted, containers named. */
    static String describe(JsonNode value) {
        if (value.isTextual()) {
            String text = value.textValue();
            return "\"" + Printable.escape(text.length() > MAX_SHOWN_TEXT ? text.substring(0, MAX_SHOWN_TEXT) + "..." : text)
                    + "\"";
        }
        if (value.isNumber() && !Double.isFinite(value.doubleValue())) {
            return Numbers.show(value.doubleValue());
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.asText();
    }
}
