package io.oppsuite.opportunity.duplicate;

import io.oppsuite.opportunity.core.LineItem;
import io.oppsuite.opportunity.core.Opportunity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The normalized keys of an opportunity under a rule: an md5 of the rule's exact-match parts
 * (one key per product line when the rule matches product lines), plus the close date for
 * the ± window. Mirrored in SQL by {@link DuplicateKeyStore#backfill} — keep the two alike.
 * Plain Java.
 */
public final class DuplicateKeys {

    static final String SEPARATOR = "\u001f";

    private DuplicateKeys() {
    }

    /** The fields a rule can look at. */
    public record Subject(String accountId, String nameNormalized, String ownerId, Set<String> productLines, LocalDate closeDate) {
    }

    /** The keys' subject for an opportunity as it will be written, with its line items' product lines. */
    public static Subject of(Opportunity o, List<LineItem> items) {
        Set<String> lines = items.stream().map(li -> normalizeProductLine(li.productLine))
                .filter(l -> l != null).collect(Collectors.toSet());
        return new Subject(o.accountId, o.nameNormalized, o.ownerId, lines, o.expectedCloseDate);
    }

    /** Case, whitespace and punctuation folded: "ACME,  Inc." and "acme inc" are one name. */
    public static String normalizeName(String name) {
        if (name == null) {
            return "";
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return folded.replaceAll("[\\p{Punct}\\p{IsPunctuation}\\s]+", "");
    }

    public static String normalizeProductLine(String productLine) {
        return productLine == null || productLine.isBlank() ? null : productLine.trim().toLowerCase(Locale.ROOT);
    }

    /** Key hashes of the subject under the rule; empty when a matched field is missing (the rule cannot apply). */
    public static List<String> keys(List<DuplicateMatcher> matchers, Subject s) {
        List<String> parts = new ArrayList<>();
        parts.add("R");
        boolean productLine = false;
        for (DuplicateMatcher m : matchers) {
            switch (m.type()) {
                case ACCOUNT_EXACT -> {
                    if (blank(s.accountId())) return List.of();
                    parts.add("A=" + s.accountId());
                }
                case NAME_NORMALIZED -> {
                    if (blank(s.nameNormalized())) return List.of();
                    parts.add("N=" + s.nameNormalized());
                }
                case OWNER -> {
                    if (blank(s.ownerId())) return List.of();
                    parts.add("O=" + s.ownerId());
                }
                case PRODUCT_LINE -> productLine = true;
                case CLOSE_DATE_WITHIN -> {
                    if (s.closeDate() == null) return List.of();
                }
            }
        }
        if (!productLine) {
            return List.of(md5(String.join(SEPARATOR, parts)));
        }
        Set<String> lines = new TreeSet<>(s.productLines() == null ? Set.of() : s.productLines());
        List<String> keys = new ArrayList<>();
        for (String line : lines) {
            List<String> withLine = new ArrayList<>(parts);
            withLine.add("P=" + line);
            keys.add(md5(String.join(SEPARATOR, withLine)));
        }
        return keys;
    }

    /** The ± days of the rule's close-date window, or null when it has none. */
    public static Integer closeDateWindow(List<DuplicateMatcher> matchers) {
        return matchers.stream().filter(m -> m.type() == DuplicateMatcher.Type.CLOSE_DATE_WITHIN)
                .map(m -> m.days() == null ? 0 : m.days()).min(Integer::compare).orElse(null);
    }

    /** The advisory lock serializing check-then-insert for one key of one rule of one tenant. */
    public static long lockId(String tenantId, String ruleId, String keyHash) {
        byte[] digest = digest(tenantId + SEPARATOR + ruleId + SEPARATOR + keyHash);
        long id = 0;
        for (int i = 0; i < 8; i++) {
            id = (id << 8) | (digest[i] & 0xff);
        }
        return id;
    }

    static String md5(String value) {
        return HexFormat.of().formatHex(digest(value));
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
