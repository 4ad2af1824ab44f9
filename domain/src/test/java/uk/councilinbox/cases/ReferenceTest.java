package uk.councilinbox.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReferenceTest {

    private static final int SAMPLES = 300;

    private static List<Reference> randomReferences() {
        Random random = new Random(20260310L);
        List<Reference> references = new ArrayList<>(SAMPLES);
        for (int i = 0; i < SAMPLES; i++) {
            references.add(Reference.random(random));
        }
        return references;
    }

    private static String body(Reference reference) {
        return reference.value().replace("-", "");
    }

    private static String formatted(char[] body) {
        String chars = new String(body);
        return chars.substring(0, 4) + "-" + chars.substring(4);
    }

    @Test
    void randomReferencesAreValid() {
        for (Reference reference : randomReferences()) {
            assertTrue(Reference.isValid(reference.value()), reference.value());
        }
    }

    @Test
    void randomReferencesAreFourCharactersHyphenFourCharacters() {
        for (Reference reference : randomReferences()) {
            assertTrue(reference.value().matches("[0-9A-Z]{4}-[0-9A-Z]{4}"), reference.value());
        }
    }

    @Test
    void randomReferencesNeverUseConfusableCharacters() {
        for (Reference reference : randomReferences()) {
            for (char c : "01ILOUV".toCharArray()) {
                assertTrue(reference.value().indexOf(c) < 0, reference.value());
            }
        }
    }

    @Test
    void alphabetLeavesOutConfusableCharacters() {
        for (char c : "01ILOUV".toCharArray()) {
            assertTrue(Reference.ALPHABET.indexOf(c) < 0, String.valueOf(c));
        }
    }

    @Test
    void randomReferencesDifferFromEachOther() {
        assertEquals(SAMPLES, randomReferences().stream().map(Reference::value).distinct().count());
    }

    @Test
    void theSameSeedGivesTheSameReferences() {
        assertEquals(Reference.random(new Random(7)), Reference.random(new Random(7)));
    }

    @Test
    void publicRandomReferencesAreValid() {
        for (int i = 0; i < 50; i++) {
            assertTrue(Reference.isValid(Reference.random().value()));
        }
    }

    @Test
    void checkCharacterCatchesEverySingleSubstitution() {
        for (Reference reference : randomReferences()) {
            char[] original = body(reference).toCharArray();
            for (int position = 0; position < original.length; position++) {
                for (char replacement : Reference.ALPHABET.toCharArray()) {
                    if (replacement == original[position]) {
                        continue;
                    }
                    char[] typo = original.clone();
                    typo[position] = replacement;
                    assertFalse(Reference.isValid(formatted(typo)), reference + " -> " + formatted(typo));
                }
            }
        }
    }

    @Test
    void checkCharacterCatchesEveryAdjacentTransposition() {
        for (Reference reference : randomReferences()) {
            char[] original = body(reference).toCharArray();
            for (int position = 0; position + 1 < original.length; position++) {
                if (original[position] == original[position + 1]) {
                    continue;
                }
                char[] typo = original.clone();
                typo[position] = original[position + 1];
                typo[position + 1] = original[position];
                assertFalse(Reference.isValid(formatted(typo)), reference + " -> " + formatted(typo));
            }
        }
    }

    @Test
    void confusableCharactersAreNeverValid() {
        assertFalse(Reference.isValid("K7PD-M4Q5".replace('4', '0')));
        assertFalse(Reference.isValid("K7PD-M4Q5".replace('K', 'O')));
        assertFalse(Reference.isValid("K7PD-M4Q5".replace('M', 'I')));
    }

    @Test
    void malformedValuesAreNotValid() {
        assertFalse(Reference.isValid(null));
        assertFalse(Reference.isValid(""));
        assertFalse(Reference.isValid("K7PDM4Q5"));
        assertFalse(Reference.isValid("K7PD M4Q5"));
        assertFalse(Reference.isValid("k7pd-m4q5"));
        assertFalse(Reference.isValid("K7P-DM4Q5"));
        assertFalse(Reference.isValid("K7PD-M4Q5X"));
    }

    @Test
    void constructorRejectsAnInvalidReference() {
        assertThrows(IllegalArgumentException.class, () -> new Reference("K7PD-M4Q6"));
    }

    @Test
    void toStringIsTheValue() {
        assertEquals("K7PD-M4Q5", new Reference("K7PD-M4Q5").toString());
    }

    @Test
    void findInFindsAReferenceWrittenInLowerCaseWithASpace() {
        assertEquals(Optional.of(new Reference("K7PD-M4Q5")), Reference.findIn("ref k7pd m4q5"));
    }

    @Test
    void findInFindsAReferenceWithoutItsHyphen() {
        assertEquals(Optional.of(new Reference("K7PD-M4Q5")), Reference.findIn("my reference is K7PDM4Q5, any news?"));
    }

    @Test
    void findInFindsAReferenceAsIssued() {
        assertEquals(Optional.of(new Reference("K7PD-M4Q5")), Reference.findIn("Re: K7PD-M4Q5."));
    }

    @Test
    void findInFindsAReferenceAfterAFourLetterWord() {
        assertEquals(Optional.of(new Reference("K7PD-M4Q5")), Reference.findIn("Case K7PD-M4Q5."));
        assertEquals(Optional.of(new Reference("K7PD-M4Q5")), Reference.findIn("any news on case k7pd m4q5"));
    }

    @Test
    void findInFindsAMixedCaseReference() {
        assertEquals(Optional.of(new Reference("K7PD-M4Q5")), Reference.findIn("(k7Pd-M4q5)"));
    }

    @Test
    void findInFindsEveryRandomReferenceInASentence() {
        for (Reference reference : randomReferences()) {
            String spoken = reference.value().toLowerCase().replace('-', ' ');
            assertEquals(Optional.of(reference), Reference.findIn("hi, it's about " + spoken + " thanks"), spoken);
        }
    }

    @Test
    void findInIgnoresAReferenceWithAWrongCheckCharacter() {
        assertEquals(Optional.empty(), Reference.findIn("ref K7PD-M4Q6"));
    }

    @Test
    void findInSkipsAnInvalidReferenceAndFindsALaterValidOne() {
        assertEquals(Optional.of(new Reference("K7PD-M4Q5")), Reference.findIn("not K7PD-M4Q6 but K7PD-M4Q5"));
    }

    @Test
    void findInIgnoresEightLetterWords() {
        assertEquals(Optional.empty(), Reference.findIn(
                "The standard of this pavement is the greatest problem, I answered and repeated it, strength stranded by flooding"));
    }

    @Test
    void findInIgnoresAReferenceInsideALongerCode() {
        assertEquals(Optional.empty(), Reference.findIn("XK7PDM4Q5 and K7PDM4Q52"));
    }

    @Test
    void findInIgnoresOtherCouncilReferences() {
        assertEquals(Optional.empty(), Reference.findIn("highways case HWY-2026-004512"));
    }

    @Test
    void findInFindsNothingInPlainText() {
        assertEquals(Optional.empty(), Reference.findIn("there's a pothole on Station Road"));
        assertEquals(Optional.empty(), Reference.findIn(""));
    }
}
