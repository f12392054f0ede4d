package dev.ballast.formats;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.CharArrayReader;
import java.io.IOException;
import java.io.Reader;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * YAML read the way a {@code ballast/v1} file means it, where Jackson's YAML 1.1 reading would
 * surprise: an alias ({@code *cap}) is refused, since Jackson reads it as the anchor's name, a
 * string in place of the value it stands for; plain numbers follow YAML 1.2's core schema, so
 * {@code 010} is ten and {@code 09} nine, while YAML 1.1's octal, binary, sexagesimal
 * ({@code 1:30}) and underscored ({@code 1_000}) forms are strings, as a YAML 1.2 reader sees them;
 * so are {@code .inf} and {@code .nan}, which no field takes.
 */
final class YamlParsing {

    private YamlParsing() {
    }

    /** The factory for reading (and writing) ballast/v1 YAML. */
    static YAMLFactory factory(YAMLFactoryBuilder builder) {
        return new Factory(builder);
    }

    private static final class Factory extends YAMLFactory {

        private static final long serialVersionUID = 1L;

        Factory(YAMLFactoryBuilder builder) {
            super(builder);
        }

        @Override
        protected YAMLParser _createParser(Reader reader, IOContext context) {
            return new Parser(context, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, reader);
        }

        @Override
        protected YAMLParser _createParser(char[] data, int offset, int length, IOContext context, boolean recyclable) {
            return _createParser(new CharArrayReader(data, offset, length), context);
        }
    }

    private static final class Parser extends YAMLParser {

        // YAML 1.2 core schema: decimal integers (leading zeros allowed), 0x hex, and floats.
        private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]+");
        private static final Pattern LEADING_ZEROS = Pattern.compile("^([-+]?)0+(?=[0-9])");
        // .inf and .nan are left out on purpose: no field takes them, and as strings they are
        // refused with the field's path ("expected a number, got ".nan"").
        private static final Pattern NUMBER_1_2 = Pattern.compile(
                "[-+]?[0-9]+|0x[0-9a-fA-F]+|[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

        Parser(IOContext context, int parserFeatures, int yamlFeatures, LoaderOptions options, ObjectCodec codec,
                Reader reader) {
            super(context, parserFeatures, yamlFeatures, options, codec, reader);
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (isCurrentAlias()) {
                throw new JsonParseException(this, "an alias (*" + getText() + ") is not supported in ballast/v1 files;"
                        + " write the value out in full", currentTokenLocation());
            }
            return token;
        }

        @Override
        protected JsonToken _decodeScalar(ScalarEvent scalar) throws IOException {
            JsonToken token = super._decodeScalar(scalar);
            boolean plain = scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                    && (scalar.getTag() == null || scalar.getTag().equals("!"));
            if (!plain) {
                return token;
            }
            String value = scalar.getValue();
            if (DECIMAL.matcher(value).matches()) {
                String decimal = LEADING_ZEROS.matcher(value).replaceFirst("$1");
                return _decodeNumberScalar(decimal, decimal.length());
            }
            boolean number = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
            return number && !NUMBER_1_2.matcher(value).matches() ? JsonToken.VALUE_STRING : token;
        }
    }
}
