package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ballast.formats.StreamedValue.PartRead;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One VM of a streamed snapshot read straight from the parser's tokens, for the VM {@link VmReader}
 * would accept without a word: every field known and given once, of its type and within its
 * range, its names good, its host known and running. That is nearly every VM of a large file;
 * reading each into a tree and through a {@link NodeReader} was half the time of validating 2.3
 * million VMs (see {@code docs/benchmarks.md}, the validate suite).
 *
 * <p>Anything else is handed over as the tree {@link StreamedValue#read} would have built, the
 * fields read so far rebuilt as its nodes and the rest read by it, for the {@link VmReader} to
 * word its problems as in any other file. So this decides nothing but "nothing to report".
 */
final class StreamedVm {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // The fields of a VM, by their place in VmReader.FIELDS.
    private static final int NAME = 0;
    private static final int HOST = 1;
    private static final int MEMORY = 2;
    private static final int VCPUS = 3;
    private static final int DEMAND = 4;
    private static final int DIRTY_RATE = 5;
    private static final int STORAGE = 6;
    private static final int BRIDGES = 7;
    private static final int PINNED = 8;
    private static final int LAST_MIGRATED = 9;
    // And of its demand.
    private static final String[] DEMAND_FIELDS = {"cpu", "networkMbps"};

    // What a field held: nothing yet, null, a string, a whole number that fits an int or a
    // long, a decimal, a boolean, or (demand, bridges) the object or list read into its own slots.
    private static final byte ABSENT = 0;
    private static final byte NULL = 1;
    private static final byte TEXT = 2;
    private static final byte INT = 3;
    private static final byte LONG = 4;
    private static final byte DECIMAL = 5;
    private static final byte TRUE = 6;
    private static final byte FALSE = 7;
    private static final byte READ = 8;

    private final VmReader reader;

    // The VM being read: its fields in the order given, and what each held.
    private final int[] order = new int[VmReader.FIELDS.length];
    private int given;
    private final Slots fields = new Slots(VmReader.FIELDS.length);
    private final int[] demandOrder = new int[DEMAND_FIELDS.length];
    private int demandGiven;
    private final Slots demand = new Slots(DEMAND_FIELDS.length);
    private final List<String> bridges = new ArrayList<>();
    // The VM's name as characters: most VMs are kept without a string of their own (PackedNames).
    private char[] name = new char[64];
    private int nameLength;
    private final SharedTexts shared = new SharedTexts();
    /** What {@link SharedTexts} keeps for a storage id or bridge whose name is good. */
    private static final Object GOOD_NAME = new Object();
    /** The name of the running host the VM names, when known from an earlier VM naming it. */
    private String knownHost;
    /** A storage id or bridge of the VM is not a good name. */
    private boolean badName;

    /** What a VM that needs the {@link VmReader} was read into, see {@link #read}. */
    private ObjectNode handedOver;

    StreamedVm(VmReader reader) {
        this.reader = reader;
    }

    /**
     * Reads the VM whose object starts at the parser's current token, leaving the parser at its
     * end. When nothing about it is to be reported, hands it to {@code into} at {@code index}
     * and returns true; else false, and {@link #tree} holds the object for the {@link VmReader}.
     */
    boolean read(JsonParser parser, int index, VmsRead into) throws IOException {
        given = 0;
        demandGiven = 0;
        fields.clear();
        demand.clear();
        bridges.clear();
        handedOver = null;
        knownHost = null;
        badName = false;
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            int field = indexOf(parser.currentName(), VmReader.FIELDS);
            if (field < 0 || fields.kind(field) != ABSENT) {
                handedOver = part().fromName(parser);
                return false;
            }
            order[given++] = field;
            JsonToken value = parser.nextToken();
            boolean read = switch (field) {
                case NAME -> value == JsonToken.VALUE_STRING ? name(parser) : fields.scalar(field, parser, value);
                case DEMAND -> value == JsonToken.START_OBJECT ? demand(parser) : fields.scalar(field, parser, value);
                case BRIDGES -> value == JsonToken.START_ARRAY ? bridges(parser) : fields.scalar(field, parser, value);
                case HOST -> value == JsonToken.VALUE_STRING ? host(parser) : fields.scalar(field, parser, value);
                case STORAGE -> value == JsonToken.VALUE_STRING ? fields.text(field, attachment(parser))
                        : fields.scalar(field, parser, value);
                default -> fields.scalar(field, parser, value);
            };
            if (handedOver != null) {
                return false;
            }
            if (!read) {
                given--;
                PartRead part = part();
                part.add(VmReader.FIELDS[field], StreamedValue.read(parser));
                handedOver = part.rest(parser);
                return false;
            }
        }
        if (!accepted(index, into)) {
            handedOver = part().done();
            return false;
        }
        return true;
    }

    /** The hash of the name of the VM last read, as {@link String#hashCode}'s, when {@link #read} gave true. */
    int nameHash() {
        int hash = 0;
        for (int i = 0; i < nameLength; i++) {
            hash = 31 * hash + name[i];
        }
        return hash;
    }

    /** The name, its characters copied from the parser's: a string is made of it only when it must be. */
    private boolean name(JsonParser parser) throws IOException {
        int length = parser.getTextLength();
        if (length > name.length) {
            name = new char[Math.max(length, name.length * 2)];
        }
        System.arraycopy(parser.getTextCharacters(), parser.getTextOffset(), name, 0, length);
        nameLength = length;
        fields.set(NAME, TEXT);
        fields.text[NAME] = null;
        return true;
    }

    /** The VM last read as the tree {@link StreamedValue#read} would have built, when {@link #read} gave false. */
    ObjectNode tree() {
        return handedOver;
    }

    private boolean demand(JsonParser parser) throws IOException {
        for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
            int field = indexOf(parser.currentName(), DEMAND_FIELDS);
            if (field < 0 || demand.kind(field) != ABSENT) {
                handOverWith(DEMAND, demandPart().fromName(parser), parser);
                return true;
            }
            demandOrder[demandGiven++] = field;
            JsonToken value = parser.nextToken();
            if (!demand.scalar(field, parser, value)) {
                demandGiven--;
                PartRead part = demandPart();
                part.add(DEMAND_FIELDS[field], StreamedValue.read(parser));
                handOverWith(DEMAND, part.rest(parser), parser);
                return true;
            }
        }
        fields.set(DEMAND, READ);
        return true;
    }

    private boolean bridges(JsonParser parser) throws IOException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.VALUE_STRING) {
                ArrayNode list = bridgeNodes();
                list.add(StreamedValue.read(parser));
                handOverWith(BRIDGES, StreamedValue.restOf(list, parser), parser);
                return true;
            }
            bridges.add(attachment(parser));
        }
        fields.set(BRIDGES, READ);
        return true;
    }

    /**
     * The host a VM names: the running host's name when an earlier VM named it, which spares
     * checking the name and looking the host up again for each of its VMs; {@link #vm} checks it
     * when it was not.
     */
    private boolean host(JsonParser parser) throws IOException {
        String host = shared.of(parser);
        if (shared.meaningOfLast() instanceof String running) {
            knownHost = running;
        } else if (isName(host)) {
            knownHost = reader.runningHost(host);
            if (knownHost != null) {
                shared.mean(knownHost);
            }
        }
        return fields.text(HOST, host);
    }

    /** A storage id or bridge, its name checked once for all the VMs that name it. */
    private String attachment(JsonParser parser) throws IOException {
        String text = shared.of(parser);
        // Any meaning kept (a running host's name too) is for a good name.
        if (shared.meaningOfLast() == null) {
            if (isName(text)) {
                shared.mean(GOOD_NAME);
            } else {
                badName = true;
            }
        }
        return text;
    }

    /** The VM given up on while reading {@code field}, whose value is read: the tree of it, read to its end. */
    private void handOverWith(int field, JsonNode value, JsonParser parser) throws IOException {
        given--;
        PartRead part = part();
        part.add(VmReader.FIELDS[field], value);
        handedOver = part.rest(parser);
    }

    /** Hands the VM on when the {@link VmReader} would find nothing wrong with it; false to hand it over. */
    private boolean accepted(int index, VmsRead into) {
        if (fields.kind(NAME) != TEXT || !NameRule.isName(name, nameLength)
                || fields.kind(MEMORY) != INT && fields.kind(MEMORY) != LONG
                || fields.kind(VCPUS) != INT && fields.kind(VCPUS) != LONG || fields.kind(DEMAND) != READ
                || !VmReader.MEMORY_MIB.accepts(fields.whole[MEMORY]) || !VmReader.VCPUS.accepts(fields.whole[VCPUS])
                || !demand.isNumber(0) || !VmReader.CPU.accepts(demand.decimal(0))
                || demand.isGiven(1) && (!demand.isNumber(1) || !VmReader.NETWORK.accepts(demand.decimal(1)))
                || fields.isGiven(DIRTY_RATE) && (!fields.isNumber(DIRTY_RATE)
                        || !VmReader.DIRTY_RATE.accepts(fields.decimal(DIRTY_RATE)))
                || !fields.isAbsentOr(HOST, TEXT) || !fields.isAbsentOr(STORAGE, TEXT)
                || !fields.isAbsentOr(LAST_MIGRATED, TEXT)
                || fields.isGiven(PINNED) && fields.kind(PINNED) != TRUE && fields.kind(PINNED) != FALSE
                || fields.isGiven(BRIDGES) && fields.kind(BRIDGES) != READ) {
            return false;
        }
        String host = fields.isGiven(HOST) ? fields.text[HOST] : null;
        String storage = fields.isGiven(STORAGE) ? fields.text[STORAGE] : null;
        boolean pinned = fields.kind(PINNED) == TRUE;
        // The host, storage and bridges were checked as they were read (attachment, host).
        if (badName || pinned && host == null) {
            return false;
        }
        Instant lastMigratedAt = fields.isGiven(LAST_MIGRATED) ? instant(fields.text[LAST_MIGRATED]) : null;
        if (host != null && knownHost == null || fields.isGiven(LAST_MIGRATED) && lastMigratedAt == null) {
            return false;
        }
        into.accept(index, name, nameLength);
        reader.keep(into, knownHost, fields.whole[MEMORY], (int) fields.whole[VCPUS],
                demand.decimal(0), demand.isGiven(1) ? demand.decimal(1) : 0.0,
                fields.isGiven(DIRTY_RATE) ? fields.decimal(DIRTY_RATE) : Double.NaN, storage, bridges, pinned,
                lastMigratedAt);
        return true;
    }

    private static boolean isName(String name) {
        return name != null && NameRule.problemWith(name).isEmpty();
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The fields read so far, in order, as the tree's nodes. */
    private PartRead part() {
        PartRead part = new PartRead();
        for (int i = 0; i < given; i++) {
            int field = order[i];
            JsonNode value = switch (field) {
                case DEMAND -> fields.kind(DEMAND) == READ ? demandPart().done() : fields.node(field);
                case BRIDGES -> fields.kind(BRIDGES) == READ ? bridgeNodes() : fields.node(field);
                case NAME -> fields.kind(NAME) == TEXT ? NODES.textNode(new String(name, 0, nameLength))
                        : fields.node(field);
                default -> fields.node(field);
            };
            part.add(VmReader.FIELDS[field], value);
        }
        return part;
    }

    private PartRead demandPart() {
        PartRead part = new PartRead();
        for (int i = 0; i < demandGiven; i++) {
            part.add(DEMAND_FIELDS[demandOrder[i]], demand.node(demandOrder[i]));
        }
        return part;
    }

    private ArrayNode bridgeNodes() {
        ArrayNode list = NODES.arrayNode();
        bridges.forEach(list::add);
        return list;
    }

    private static int indexOf(String name, String[] known) {
        // The parser interns field names, as Java does literals: the same instance, nearly always.
        for (int i = 0; i < known.length; i++) {
            if (known[i] == name) {
                return i;
            }
        }
        for (int i = 0; i < known.length; i++) {
            if (known[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The scalar values of an object's fields, by field, as read. */
    private static final class Slots {

        /** A bit for each field read into its slot: the others are absent, whatever the slot holds. */
        private int given;
        private final byte[] kinds;
        final String[] text;
        final long[] whole;
        final double[] decimal;

        Slots(int size) {
            kinds = new byte[size];
            text = new String[size];
            whole = new long[size];
            decimal = new double[size];
        }

        void clear() {
            given = 0;
        }

        byte kind(int field) {
            return (given >>> field & 1) == 0 ? ABSENT : kinds[field];
        }

        void set(int field, byte kind) {
            kinds[field] = kind;
            given |= 1 << field;
        }

        /** Keeps a string value. */
        boolean text(int field, String value) {
            set(field, TEXT);
            text[field] = value;
            return true;
        }

        /** Keeps a scalar value; false for anything else (or a whole number beyond a long), which the tree reads. */
        boolean scalar(int field, JsonParser parser, JsonToken token) throws IOException {
            switch (token) {
                case VALUE_STRING -> {
                    set(field, TEXT);
                    text[field] = parser.getText();
                }
                case VALUE_NUMBER_INT -> {
                    JsonParser.NumberType type = parser.getNumberType();
                    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
                        return false;
                    }
                    set(field, type == JsonParser.NumberType.INT ? INT : LONG);
                    whole[field] = parser.getLongValue();
                }
                case VALUE_NUMBER_FLOAT -> {
                    set(field, DECIMAL);
                    decimal[field] = Decimals.of(parser);
                }
                case VALUE_TRUE -> set(field, TRUE);
                case VALUE_FALSE -> set(field, FALSE);
                case VALUE_NULL -> set(field, NULL);
                default -> {
                    return false;
                }
            }
            return true;
        }

        /** Given with a value other than null, as {@link NodeReader} counts it. */
        boolean isGiven(int field) {
            return kind(field) != ABSENT && kind(field) != NULL;
        }

        boolean isAbsentOr(int field, byte expected) {
            return !isGiven(field) || kind(field) == expected;
        }

        boolean isNumber(int field) {
            return kind(field) == INT || kind(field) == LONG || kind(field) == DECIMAL;
        }

        /** A number as the tree's node gives it as a double. */
        double decimal(int field) {
            return kind(field) == DECIMAL ? decimal[field] : (double) whole[field];
        }

        /** The node {@link StreamedValue#read} makes of the value. */
        JsonNode node(int field) {
            return switch (kind(field)) {
                case NULL -> NODES.nullNode();
                case TEXT -> NODES.textNode(text[field]);
                case INT -> NODES.numberNode((int) whole[field]);
                case LONG -> NODES.numberNode(whole[field]);
                case DECIMAL -> NODES.numberNode(decimal[field]);
                case TRUE -> NODES.booleanNode(true);
                case FALSE -> NODES.booleanNode(false);
                default -> throw new IllegalStateException("field " + field + " was not read as a scalar");
            };
        }
    }
}
