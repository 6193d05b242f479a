package io.oppsuite.common.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * One JSON form for every decimal in event data (amounts, win rates, quantities): a plain JSON
 * number without trailing zeros or exponent, whatever scale the value had in memory or in the
 * database ({@code 2500}, {@code 2500.5}, {@code 60}, {@code 0}; never {@code 2500.00}, {@code 60.0}
 * or {@code 2.5E+3}). The number's value is unchanged.
 */
public final class CanonicalDecimalSerializer extends StdSerializer<BigDecimal> {

    public CanonicalDecimalSerializer() {
        super(BigDecimal.class);
    }

    /** The canonical text of a decimal. */
    public static String canonical(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    @Override
    public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeNumber(canonical(value));
    }
}
