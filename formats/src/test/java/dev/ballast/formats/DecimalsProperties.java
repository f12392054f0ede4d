package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast reading of decimals gives exactly what the parser's own reading gives. */
class DecimalsProperties {

    @Property(tries = 5000)
    void shortDecimalsReadAsParseDoubleReadsThem(@ForAll("decimals") String text) {
        double fast = Decimals.parse(text.toCharArray(), 0, text.length());
        double expected = Double.parseDouble(text);
        assertThat(Double.doubleToRawLongBits(fast)).as(text).isEqualTo(Double.doubleToRawLongBits(expected));
    }

    @Property(tries = 3000)
    void anyJsonDecimalReadsAsTheParserReadsIt(@ForAll("jsonNumbers") String text) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser("[" + text + "]")) {
            parser.nextToken();
            JsonToken token = parser.nextToken();
            assertThat(token).isEqualTo(JsonToken.VALUE_NUMBER_FLOAT);
            assertThat(Double.doubleToRawLongBits(Decimals.of(parser))).as(text)
                    .isEqualTo(Double.doubleToRawLongBits(parser.getDoubleValue()));
        }
    }

    @Example
    void leavesEverythingElseToTheParser() {
        for (String text : new String[] {"1e5", "1.5E-3", "", "-", ".", "1.", "1.2.3", "1234567890123456",
            "0.0000000000000001", "+1", "1_0", "١"}) {
            assertThat(Decimals.parse(text.toCharArray(), 0, text.length())).as(text).isNaN();
        }
    }

    @Example
    void readsPartOfABuffer() {
        char[] buffer = "xx-0.25yy".toCharArray();
        assertThat(Decimals.parse(buffer, 2, 5)).isEqualTo(-0.25);
        assertThat(Double.doubleToRawLongBits(Decimals.parse("-0.0".toCharArray(), 0, 4)))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> whole = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(7);
        return Combinators.combine(Arbitraries.of("", "-"), whole, fraction, Arbitraries.of(true, false))
                .as((sign, w, f, point) -> sign + w + (point ? "." + f : ""));
    }

    @Provide
    Arbitrary<String> jsonNumbers() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20)
                .map(d -> d.length() > 1 ? d.replaceFirst("^0+", "1") : d);
        Arbitrary<String> exponent = Arbitraries.integers().between(-330, 330).map(e -> "e" + e);
        // A fraction, an exponent or both: what the parser gives as a decimal token.
        return Combinators.combine(Arbitraries.of("", "-"), digits, digits, exponent, Arbitraries.integers().between(0, 2))
                .as((sign, w, f, e, form) -> sign + w + switch (form) {
                    case 0 -> "." + f;
                    case 1 -> e;
                    default -> "." + f + e;
                });
    }
}
