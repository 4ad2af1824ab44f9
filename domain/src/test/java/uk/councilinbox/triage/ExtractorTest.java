package uk.councilinbox.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;

class ExtractorTest {

    private final Extractor extractor = new Extractor();

    private static InboundMessage message(String text, List<Attachment> attachments, Optional<GeoPoint> location) {
        return new InboundMessage(Channel.MESSENGER, "m_1", "psid-1", Visibility.PRIVATE, text, attachments, location,
                Instant.parse("2026-03-10T08:00:00Z"), Optional.empty());
    }

    private Extraction extract(String text) {
        return extractor.extract(message(text, List.of(), Optional.empty()));
    }

    private void assertRoad(String expected, String text) {
        assertEquals(Optional.of(expected), extract(text).road(), text);
    }

    private void assertTown(String expected, String text) {
        assertEquals(Optional.of(expected), extract(text).town(), text);
    }

    private void assertNoRoad(String text) {
        assertEquals(Optional.empty(), extract(text).road(), text);
    }

    private void assertPostcode(String expected, String text) {
        assertEquals(Optional.of(expected), extract(text).postcode(), text);
    }

    @Test
    void postcodeWithASpace() {
        assertPostcode("ST15 8AA", "pothole outside ST15 8AA");
    }

    @Test
    void postcodeWithoutASpaceInLowerCase() {
        assertPostcode("ST15 8AA", "its by st158aa");
    }

    @Test
    void postcodeWithAnotherArea() {
        assertPostcode("DE14 1AA", "Bins not collected at DE14 1AA again");
    }

    @Test
    void postcodeWithASingleLetterArea() {
        assertPostcode("B79 7AB", "fly tipping at B79 7AB");
    }

    @Test
    void postcodeWithALetterInTheDistrict() {
        assertPostcode("WS1A 2BB", "near ws1a 2bb");
    }

    @Test
    void noPostcodeInPlainText() {
        assertEquals(Optional.empty(), extract("pothole on Stone Road").postcode());
    }

    @Test
    void postcodeIsNotTakenAsABRoad() {
        assertNoRoad("fly tipping at B79 7AB");
        assertNoRoad("fly tipping at b797ab");
    }

    @Test
    void namedRoadAndTownAfterAComma() {
        Extraction extraction = extract("pothole on Stone Road, Stone");
        assertEquals(Optional.of("Stone Road"), extraction.road());
        assertEquals(Optional.of("Stone"), extraction.town());
    }

    @Test
    void shortStreetIsExpandedAndTitleCased() {
        assertRoad("Mill Street", "big hole on mill st");
    }

    @Test
    void shortRoadAfterAHouseNumber() {
        assertRoad("Station Road", "outside 42 Station Rd");
    }

    @Test
    void shortSuffixWithAFullStop() {
        assertRoad("Church Street", "Church St. in Stone");
        assertTown("Stone", "Church St. in Stone");
    }

    @Test
    void otherShortSuffixesAreExpanded() {
        assertRoad("Park Lane", "hole on park ln");
        assertRoad("Milton Avenue", "outside no. 12 Milton Ave");
        assertRoad("Beech Drive", "lamp out on Beech Dr");
        assertRoad("Moss Crescent", "potholes on Moss Cres");
    }

    @Test
    void roadInALongerSentence() {
        assertRoad("Station Road",
                "Hello, there's a large pothole on Station Road just outside number 42. It's about a foot wide.");
    }

    @Test
    void wordsBeforeTheNameAreNotPartOfIt() {
        assertRoad("Mill Lane", "streetlight on Mill Lane by the bus stop");
        assertRoad("Church Street", "There's a deep one on Church Street near the Co-op");
        assertRoad("Victoria Street", "The drain on Victoria St is blocked");
        assertRoad("Oak Avenue", "bins not collected on Oak Avenue");
        assertRoad("Queen's Drive", "rubbish in Queen's Drive");
        assertRoad("Station Road", "I'm on Station Road");
        assertRoad("Lichfield Road", "huge hole by the bus stop on Lichfield Road, Stafford");
    }

    @Test
    void prepositionsBeforeTheNameAreNotPartOfIt() {
        assertRoad("Moss Crescent", "potholes all over Moss Cres");
        assertRoad("Elm Grove", "rubbish dumped behind Elm Grove");
        assertRoad("Mill Lane", "it's just past Mill Lane");
        assertRoad("Station Road", "flooding under Station Road bridge");
    }

    @Test
    void multiWordRoadNames() {
        assertRoad("Newcastle Old Road", "pothole on Newcastle Old Road");
    }

    @Test
    void saintAtTheStartOfARoadName() {
        assertRoad("St Mary's Road", "pothole on St Mary's Road");
        assertRoad("St John's Close", "pothole at the end of St John's Close");
        assertRoad("St John's Road", "Pothole outside 12 St John's Road");
        assertRoad("St. John's Road", "pothole on st. john's rd");
    }

    @Test
    void saintAndStreetInOneName() {
        assertRoad("St John Street", "pothole at the corner of st john st and mill lane");
    }

    @Test
    void firstRoadMentionedWins() {
        assertRoad("Wolverhampton Road", "there's a hole in the road on Wolverhampton Road");
    }

    @Test
    void townAfterIn() {
        assertTown("Burton upon Trent", "Pothole on High St in Burton upon Trent");
        assertTown("Stoke-on-Trent", "Flooding on London Road in Stoke-on-Trent");
    }

    @Test
    void hyphenatedTownAfterAComma() {
        assertTown("Newcastle-under-Lyme", "bins not collected on Oak Avenue, Newcastle-under-Lyme");
    }

    @Test
    void townBeforeAPostcode() {
        Extraction extraction = extract("Massive pothole on Stone Road, Stone ST15 8AA nearly burst my tyre");
        assertEquals(Optional.of("Stone Road, Stone, ST15 8AA"), extraction.place());
    }

    @Test
    void noTownWhenTheRoadIsFollowedByOrdinaryWords() {
        assertEquals(Optional.empty(), extract("pothole on Station Road near the school").town());
        assertEquals(Optional.empty(), extract("pothole on Station Road").town());
    }

    @Test
    void commonWordsEndingInASuffixAreNotRoads() {
        assertNoRoad("it's on the green");
        assertNoRoad("going down the hill");
        assertNoRoad("there is a pothole on the way to school");
        assertNoRoad("the road is flooded");
        assertNoRoad("pothole in the middle of our road");
        assertNoRoad("the street light close to my house is out");
    }

    @Test
    void numberedARoad() {
        assertRoad("A34", "the A34 is flooded");
    }

    @Test
    void numberedBRoad() {
        assertRoad("B5027", "pothole on the B5027 near Uttoxeter");
        assertTown("Uttoxeter", "pothole on the B5027 near Uttoxeter");
    }

    @Test
    void numberedRoadInLowerCase() {
        assertRoad("A50", "lorries on the a50");
    }

    @Test
    void trunkAndMotorwayMarkersAreDropped() {
        assertRoad("A34", "pothole on the A34(T) near Stone");
        assertTown("Stone", "pothole on the A34(T) near Stone");
        assertRoad("A5", "debris on the A5(M)");
    }

    @Test
    void namedRoadIsPreferredToANumberedOne() {
        assertRoad("Stone Road", "the A34 Stone Road is flooded");
    }

    @Test
    void longerCodesAreNotRoads() {
        assertNoRoad("my car is an A45678 model");
        assertNoRoad("the bus AB12 was late");
    }

    @Test
    void pinComesFromTheMessageLocation() {
        GeoPoint pin = new GeoPoint(52.9, -2.15);
        Extraction extraction = extractor.extract(message("", List.of(), Optional.of(pin)));
        assertEquals(Optional.of(pin), extraction.pin());
        assertTrue(extraction.hasUsableLocation());
    }

    @Test
    void noPinWithoutALocation() {
        assertEquals(Optional.empty(), extract("pothole on Stone Road").pin());
    }

    @Test
    void photosCountOnlyImageAttachments() {
        List<Attachment> attachments = List.of(
                new Attachment(Attachment.Kind.IMAGE, "https://example.test/1.jpg"),
                new Attachment(Attachment.Kind.VIDEO, "https://example.test/2.mp4"),
                new Attachment(Attachment.Kind.IMAGE, "https://example.test/3.jpg"),
                new Attachment(Attachment.Kind.FILE, "https://example.test/4.pdf"),
                new Attachment(Attachment.Kind.OTHER, "https://example.test/5"));
        assertEquals(2, extractor.extract(message("", attachments, Optional.empty())).photos());
    }

    @Test
    void noPhotosWithoutAttachments() {
        assertEquals(0, extract("pothole on Stone Road").photos());
    }

    @Test
    void quotedReferenceIsFound() {
        assertEquals(Optional.of(new Reference("K7PD-M4Q5")), extract("any update on ref k7pd m4q5?").quotedReference());
    }

    @Test
    void invalidReferenceIsNotQuoted() {
        assertEquals(Optional.empty(), extract("any update on ref K7PD-M4Q6?").quotedReference());
    }

    @Test
    void referenceIsNotMistakenForALocation() {
        Extraction extraction = extract("any update on K7PD-M4Q5?");
        assertFalse(extraction.hasUsableLocation());
        assertEquals(Optional.empty(), extraction.place());
    }

    @Test
    void everythingTogether() {
        GeoPoint pin = new GeoPoint(52.9, -2.15);
        Extraction extraction = extractor.extract(message(
                "Re K7PD-M4Q5: the pothole on Stone Road, Stone ST15 8AA is worse now",
                List.of(new Attachment(Attachment.Kind.IMAGE, "https://example.test/1.jpg")), Optional.of(pin)));
        assertEquals(new Extraction(Optional.of("Stone Road"), Optional.of("Stone"), Optional.of("ST15 8AA"),
                Optional.of(pin), 1, Optional.of(new Reference("K7PD-M4Q5"))), extraction);
    }

    @Test
    void nothingInAnEmptyMessage() {
        assertEquals(new Extraction(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 0,
                Optional.empty()), extract(""));
    }

    @Test
    void townAloneIsNotAUsableLocation() {
        Extraction extraction = new Extraction(Optional.empty(), Optional.of("Stone"), Optional.empty(), Optional.empty(), 0,
                Optional.empty());
        assertFalse(extraction.hasUsableLocation());
    }

    @Test
    void placeWordsAreTheNamesOfTheRoadTownAndPostcodeButNotOrdinaryWordsLikeRoad() {
        assertEquals(java.util.Set.of("mill", "stone", "st", "rd", "ln", "ave", "dr", "cres"),
                Extractor.placeWords("Pothole outside 12 Mill St, Stone - nearly burst my tyre"));
        assertEquals(java.util.Set.of("st15", "8qr"), Extractor.placeWords("street light out near ST15 8QR"));
        assertEquals(java.util.Set.of(), Extractor.placeWords("the light by the school is flickering"));
    }
}
