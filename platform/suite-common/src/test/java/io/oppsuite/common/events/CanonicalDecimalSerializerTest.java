package io.oppsuite.common.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CanonicalDecimalSerializerTest {

    @Test
    void aDecimalHasOneFormWhateverItsScale() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new SimpleModule().addSerializer(BigDecimal.class, new CanonicalDecimalSerializer()));
        List<BigDecimal> values = List.of(new BigDecimal("2500.00"), new BigDecimal("2500"), new BigDecimal("2.5E+3"),
                new BigDecimal("60.0"), new BigDecimal("0.00"), new BigDecimal("0.10"), new BigDecimal("-12.50"));
        assertEquals("[2500,2500,2500,60,0,0.1,-12.5]", mapper.writeValueAsString(values));
    }
}
