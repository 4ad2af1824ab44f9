package uk.councilinbox.triage;

import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.messages.GeoPoint;

/** What a message says about where and what: road, town, postcode, a pin, photos, a quoted reference. */
public record Extraction(
        Optional<String> road,
        Optional<String> town,
        Optional<String> postcode,
        Optional<GeoPoint> pin,
        int photos,
        Optional<Reference> quotedReference) {

    /** The place in words, e.g. "Stone Road, Stone, ST15 8AA", when the message named one. */
    public Optional<String> place() {
        String joined = Stream.of(road, town, postcode).flatMap(Optional::stream).collect(Collectors.joining(", "));
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    /** A location staff can act on: a road, a postcode or a pin (a town alone is too vague). */
    public boolean hasUsableLocation() {
        return road.isPresent() || postcode.isPresent() || pin.isPresent();
    }
}
