package io.oppsuite.analytics.db;

import org.hibernate.reactive.mutiny.Mutiny;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;

/**
 * Reading and binding the native SQL analytics runs on the Hibernate Reactive session
 * ({@code session.createNativeQuery(sql, Object[].class)}, {@code ?n} positional parameters). Hibernate hands a
 * native column over in its own Java type (bigint: Long, numeric and sum(bigint): BigDecimal, date: LocalDate or
 * java.sql.Date), so a reader asks for the type it needs here rather than casting.
 */
public final class NativeRows {

    private NativeRows() {
    }

    /** Binds {@code values} to {@code ?1}, {@code ?2}, ... in order. A nullable one needs a cast in the SQL (its type is unknown). */
    public static <Q extends Mutiny.AbstractQuery> Q bind(Q query, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query;
    }

    /** A count or sum as a long (null: 0). */
    public static long longValue(Object column) {
        return column == null ? 0 : ((Number) column).longValue();
    }

    /** A nullable bigint column. */
    public static Long nullableLong(Object column) {
        return column == null ? null : ((Number) column).longValue();
    }

    /** A numeric or integer column as a BigDecimal (an integer: scale 0); null stays null. */
    public static BigDecimal decimal(Object column) {
        if (column == null || column instanceof BigDecimal) {
            return (BigDecimal) column;
        }
        if (column instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (column instanceof Long || column instanceof Integer || column instanceof Short) {
            return BigDecimal.valueOf(((Number) column).longValue());
        }
        if (column instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        throw new IllegalStateException("not a number: " + column.getClass().getName());
    }

    /** A date column; null stays null. */
    public static LocalDate date(Object column) {
        if (column == null || column instanceof LocalDate) {
            return (LocalDate) column;
        }
        if (column instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + column.getClass().getName());
    }
}
