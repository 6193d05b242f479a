package io.oppsuite.common.web;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Query and header values of every service: a value that is not what the parameter takes is a 400
 * naming the parameter (JAX-RS would answer 404), booleans are only true/false, enums only their
 * names, dates and instants only within years 1-9999 ({@link DateBounds}).
 */
@Provider
public class QueryParamConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = parameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class || rawType == int.class) {
            return (ParamConverter<T>) converter(name, "an integer", Integer::valueOf);
        }
        if (rawType == Long.class || rawType == long.class) {
            return (ParamConverter<T>) converter(name, "an integer", Long::valueOf);
        }
        if (rawType == Boolean.class || rawType == boolean.class) {
            return (ParamConverter<T>) converter(name, "true or false", QueryParamConverters::strictBoolean);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, "a date (yyyy-MM-dd, years 1-9999)", v -> DateBounds.check(LocalDate.parse(v)));
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>) converter(name, "an instant (ISO-8601, years 1-9999)", v -> DateBounds.check(Instant.parse(v)));
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) converter(name, "a UUID", UUID::fromString);
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            String values = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            return (ParamConverter<T>) converter(name, "one of " + values, v -> Enum.valueOf(type, v));
        }
        return null;
    }

    private static String parameterName(Annotation[] annotations) {
        if (annotations == null) {
            return null;
        }
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return q.value();
            }
            if (a instanceof HeaderParam h) {
                return h.value();
            }
        }
        return null;
    }

    private static Boolean strictBoolean(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(value);
        };
    }

    private static <T> ParamConverter<T> converter(String name, String expected, Function<String, T> parse) {
        return new ParamConverter<>() {
            @Override
            public T fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value.strip());
                } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException e) {
                    throw new BadParameterException(name, "query parameter '" + name + "' must be " + expected);
                }
            }

            @Override
            public String toString(T value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
