package io.oppsuite.opportunity.duplicate;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DuplicateKeysTest {

    static final List<DuplicateMatcher> ACCOUNT_AND_NAME = List.of(new DuplicateMatcher(DuplicateMatcher.Type.ACCOUNT_EXACT, null),
            new DuplicateMatcher(DuplicateMatcher.Type.NAME_NORMALIZED, null));

    static DuplicateKeys.Subject subject(String account, String name, Set<String> lines) {
        return new DuplicateKeys.Subject(account, DuplicateKeys.normalizeName(name), "o-1", lines, LocalDate.of(2027, 1, 1));
    }

    @Test
    void namesFoldCaseWhitespaceAndPunctuation() {
        assertEquals(DuplicateKeys.normalizeName("ACME,  Inc."), DuplicateKeys.normalizeName("acme inc"));
        assertEquals(DuplicateKeys.normalizeName("Acme-Renewal 2027!"), DuplicateKeys.normalizeName("acme renewal, 2027"));
        assertNotEquals(DuplicateKeys.normalizeName("acme renewal"), DuplicateKeys.normalizeName("acme renewals"));
    }

    @Test
    void sameFieldsSameKeyOtherwiseNot() {
        assertEquals(DuplicateKeys.keys(ACCOUNT_AND_NAME, subject("a", "Big Deal", Set.of())),
                DuplicateKeys.keys(ACCOUNT_AND_NAME, subject("a", "big-deal", Set.of())));
        assertNotEquals(DuplicateKeys.keys(ACCOUNT_AND_NAME, subject("a", "Big Deal", Set.of())),
                DuplicateKeys.keys(ACCOUNT_AND_NAME, subject("b", "Big Deal", Set.of())));
    }

    @Test
    void aMissingFieldMeansTheRuleCannotApply() {
        assertTrue(DuplicateKeys.keys(ACCOUNT_AND_NAME, subject(null, "Big Deal", Set.of())).isEmpty());
    }

    @Test
    void productLineRulesHaveOneKeyPerLine() {
        List<DuplicateMatcher> rule = List.of(new DuplicateMatcher(DuplicateMatcher.Type.ACCOUNT_EXACT, null),
                new DuplicateMatcher(DuplicateMatcher.Type.PRODUCT_LINE, null));
        assertEquals(2, DuplicateKeys.keys(rule, subject("a", "x", Set.of("licences", "services"))).size());
        assertEquals(7, DuplicateKeys.closeDateWindow(List.of(new DuplicateMatcher(DuplicateMatcher.Type.CLOSE_DATE_WITHIN, 7))));
    }
}
