package dev.ballast.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * "Reading" a JSON file, the yardstick of the {@code validate} suite: the least any reader of
 * the file does. Jackson's streaming parser goes through every token from the disk, as the
 * snapshot reader's parser does, and decodes each to its Java value: every field name and
 * string to a String, every number to a long or double. No tree is built and nothing is kept.
 */
final class FileDecoding {

    private FileDecoding() {
    }

    /** @return the number of tokens, and a sum of what was decoded so that none of it is skipped */
    static Decoded decode(Path file) throws IOException {
        long tokens = 0;
        long checksum = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser parser = new JsonFactory().createParser(in)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                tokens++;
                checksum += switch (token) {
                    case FIELD_NAME -> parser.currentName().length();
                    case VALUE_STRING -> parser.getText().length();
                    case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            ? parser.getBigIntegerValue().bitLength() : parser.getLongValue();
                    case VALUE_NUMBER_FLOAT -> (long) parser.getDoubleValue();
                    default -> 0;
                };
            }
        }
        return new Decoded(tokens, checksum);
    }

    record Decoded(long tokens, long checksum) {
    }
}
