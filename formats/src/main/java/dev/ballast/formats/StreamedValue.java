package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * One value of a JSON document being streamed, as the tree Jackson would build of it, built for
 * the millions of small objects of a large snapshot (a VM and its demand): an object keeps its
 * fields in two short arrays searched in turn rather than in a LinkedHashMap, and its scalars
 * become the nodes Jackson's tree would hold. Reading each of 2.3 million VMs with Jackson's own
 * tree took twice as long as this.
 *
 * <p>Only for JSON: its parser gives numbers the types the tree's nodes follow. Anything else
 * (a number too large for a long, say) is left to Jackson. A field given twice in one object is
 * refused, as Jackson refuses it when it builds the tree.
 */
final class StreamedValue {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreamedValue() {
    }

    /** The value at the parser's current token, which is left at the value's last token. */
    static JsonNode read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(parser);
            case START_ARRAY -> array(parser);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT -> NODES.numberNode(parser.getIntValue());
                case LONG -> NODES.numberNode(parser.getLongValue());
                default -> parser.readValueAsTree();
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NODES.nullNode();
            default -> parser.readValueAsTree();
        };
    }

    private static ObjectNode object(JsonParser parser) throws IOException {
        return new PartRead().rest(parser);
    }

    /**
     * An object whose first fields were read some other way ({@link StreamedVm}), finished as
     * {@link #read} reads one: the fields given so far, in order, then the rest from the parser.
     */
    static final class PartRead {

        private final Fields fields = new Fields();

        /** A field read already, in the order of the file. */
        void add(String name, JsonNode value) {
            fields.add(name, value);
        }

        /** The parser at a field's name: that field and the rest, a field given twice refused as {@link #read} refuses it. */
        ObjectNode fromName(JsonParser parser) throws IOException {
            String name = parser.currentName();
            if (fields.containsKey(name)) {
                throw duplicate(parser, name);
            }
            parser.nextToken();
            fields.add(name, read(parser));
            return rest(parser);
        }

        /** The parser at the start of the object or at the last token of a field's value: the fields after it. */
        ObjectNode rest(JsonParser parser) throws IOException {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (fields.containsKey(name)) {
                    throw duplicate(parser, name);
                }
                parser.nextToken();
                fields.add(name, read(parser));
            }
            return done();
        }

        /** The object, the parser at its end. */
        ObjectNode done() {
            return new ObjectNode(NODES, fields);
        }
    }

    /** The rest of a list some of whose values were read some other way: the parser at the last token of the last of them. */
    static ArrayNode restOf(ArrayNode array, JsonParser parser) throws IOException {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(read(parser));
        }
        return array;
    }

    /**
     * A field given twice, the error Jackson's own check ({@code STRICT_DUPLICATE_DETECTION})
     * would raise. That check keeps a set of names for every object, which cost a fifth of the
     * time of reading a snapshot of millions of VMs; the few fields of an object are searched
     * here anyway.
     */
    static JsonParseException duplicate(JsonParser parser, String name) {
        return new JsonParseException(parser, "Duplicate field '" + name + "'");
    }

    private static ArrayNode array(JsonParser parser) throws IOException {
        return restOf(NODES.arrayNode(), parser);
    }

    /** The fields of one object in the order read; an object of a snapshot has a dozen at most. */
    private static final class Fields extends AbstractMap<String, JsonNode> {

        // A VM has ten fields at most.
        private String[] names = new String[10];
        private JsonNode[] values = new JsonNode[10];
        private int size;

        @Override
        public JsonNode get(Object name) {
            int at = indexOf(name);
            return at < 0 ? null : values[at];
        }

        @Override
        public boolean containsKey(Object name) {
            return indexOf(name) >= 0;
        }

        @Override
        public JsonNode put(String name, JsonNode value) {
            int at = indexOf(name);
            if (at < 0) {
                add(name, value);
                return null;
            }
            JsonNode old = values[at];
            values[at] = value;
            return old;
        }

        /** Adds a field known not to be there yet. */
        void add(String name, JsonNode value) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size++] = value;
        }

        @Override
        public int size() {
            return size;
        }

        // Names from the parser and the readers' literals are mostly the same instances, and
        // a String keeps its hash: most comparisons end at the first test or the second.
        private int indexOf(Object name) {
            int hash = name.hashCode();
            for (int i = 0; i < size; i++) {
                if (names[i] == name || names[i].hashCode() == hash && names[i].equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        // NodeReader.allowOnly walks the names of every VM: no entry objects for that.
        @Override
        public Set<String> keySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<String> iterator() {
                    return Arrays.asList(names).subList(0, size).iterator();
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }

        @Override
        public Set<Map.Entry<String, JsonNode>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, JsonNode>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Map.Entry<String, JsonNode> next() {
                            if (next >= size) {
                                throw new NoSuchElementException();
                            }
                            int at = next++;
                            return new SimpleImmutableEntry<>(names[at], values[at]);
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
    }
}
