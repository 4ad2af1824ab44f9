package uk.councilinbox.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.testing.TestConfig;

class PseudonymsTest {

    private static final String PHONE = "447700900123";
    private static final String RESIDENT = "WHATSAPP:" + PHONE;

    @Test
    void aResidentIsKnownByTheSamePseudonymEveryTimeAndItShowsNothingOfTheirId() {
        Pseudonyms pseudonyms = new Pseudonyms("secret-one", Optional.empty());
        String pseudonym = pseudonyms.resident(RESIDENT);

        assertEquals(pseudonym, new Pseudonyms("secret-one", Optional.empty()).resident(RESIDENT));
        assertFalse(pseudonym.contains(PHONE) || pseudonym.contains("900123") || pseudonym.contains("WHATSAPP"), pseudonym);
        assertEquals(27, pseudonym.length());
        assertTrue(pseudonym.matches("[A-Za-z0-9_-]+"), "fits a key and an SQS group id: " + pseudonym);
        assertNotEquals(pseudonym, pseudonyms.resident("WHATSAPP:447700900124"));
        assertNotEquals(pseudonym, pseudonyms.resident("MESSENGER:" + PHONE), "one per channel");
    }

    @Test
    void anotherSecretMakesOtherPseudonymsSoOnlyWhoHoldsTheSecretCanLinkThemToAPhoneNumber() {
        assertNotEquals(new Pseudonyms("secret-one", Optional.empty()).resident(RESIDENT),
                new Pseudonyms("secret-two", Optional.empty()).resident(RESIDENT));
        assertNotEquals(new Pseudonyms("secret-one", Optional.empty()).keyId(), new Pseudonyms("secret-two", Optional.empty()).keyId());
    }

    @Test
    void whileRotatingTheResidentIsAlsoKnownByTheirPreviousPseudonym() {
        Pseudonyms before = new Pseudonyms("secret-one", Optional.empty());
        Pseudonyms rotating = new Pseudonyms("secret-two", Optional.of("secret-one"));

        assertFalse(before.rotating());
        assertEquals(Optional.empty(), before.previousResident(RESIDENT));
        assertTrue(rotating.rotating());
        assertEquals(Optional.of(before.resident(RESIDENT)), rotating.previousResident(RESIDENT));
        assertFalse(new Pseudonyms("secret-one", Optional.of("secret-one")).rotating(), "the same secret twice is no rotation");
    }

    @Test
    void aStageUpgradedFromRawKeysLooksResidentsUpUnderTheirRawKeyUntilMoved() {
        Pseudonyms migrating = new Pseudonyms("secret-one", Optional.empty(), true);
        assertTrue(migrating.rotating());
        assertEquals(Optional.of(RESIDENT), migrating.previousResident(RESIDENT));
        assertEquals(Optional.of("raw"), migrating.previousKeyId());
        assertThrows(IllegalArgumentException.class, () -> new Pseudonyms("secret-two", Optional.of("secret-one"), true),
                "one move at a time");
    }

    @Test
    void theSecretComesFromConfigurationAndIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new Pseudonyms(" ", Optional.empty()));
        Pseudonyms configured = Pseudonyms.of(TestConfig.with(Map.of("inbox.privacy.resident-key-secret", "secret-one",
                "inbox.privacy.previous-resident-key-secret", "unset")));
        assertEquals(new Pseudonyms("secret-one", Optional.empty()).resident(RESIDENT), configured.resident(RESIDENT));
        assertFalse(configured.rotating(), "'unset' (put-secrets.sh's value for none) is no previous secret");
    }
}
