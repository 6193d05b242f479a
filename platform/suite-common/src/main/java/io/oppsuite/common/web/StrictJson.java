package io.oppsuite.common.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.LocalDateDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.UnaryOperator;

/**
 * JSON every service reads: no string carries a control character other than tab, CR and LF (a
 * NUL cannot be stored, and a name of control characters only would be stored empty), and dates
 * and instants lie within years 1-9999 ({@link DateBounds}). Either is a 400 naming the field
 * (JsonProblemMappers), for every body field at once.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {


    /** Applied last, after the customizer that registers Jackson's JavaTimeModule: the last deserializer registered wins. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("oppsuite-strict-json");
        module.addDeserializer(String.class, new NoControlCharacters());
        module.addDeserializer(LocalDate.class, new Bounded<>(LocalDate.class, LocalDateDeserializer.INSTANCE, DateBounds::check));
        module.addDeserializer(Instant.class, new Bounded<>(Instant.class, InstantDeserializer.INSTANT, DateBounds::check));
        mapper.registerModule(module);
    }

    /** C0 controls other than tab, LF and CR, and DEL. A loop, not a regex: every string of every body and event passes here. */
    static boolean hasControlCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    static final class NoControlCharacters extends StdScalarDeserializer<String> {
        NoControlCharacters() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String value = StringDeserializer.instance.deserialize(p, ctxt);
            if (value != null && hasControlCharacter(value)) {
                return (String) ctxt.handleWeirdStringValue(String.class, value, "contains a control character");
            }
            return value;
        }
    }

    /** A date type read by Jackson's own deserializer, then checked against {@link DateBounds}. */
    static final class Bounded<T> extends StdScalarDeserializer<T> {
        private final JsonDeserializer<T> delegate;
        private final UnaryOperator<T> check;

        Bounded(Class<T> type, JsonDeserializer<T> delegate, UnaryOperator<T> check) {
            super(type);
            this.delegate = delegate;
            this.check = check;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T value = delegate.deserialize(p, ctxt);
            try {
                return check.apply(value);
            } catch (IllegalArgumentException e) {
                return (T) ctxt.handleWeirdStringValue(handledType(), String.valueOf(value), "is outside years "
                        + DateBounds.MIN_YEAR + "-" + DateBounds.MAX_YEAR);
            }
        }
    }
}
