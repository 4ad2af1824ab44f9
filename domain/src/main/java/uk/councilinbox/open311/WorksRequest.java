package uk.councilinbox.open311;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.Service;
import uk.councilinbox.messages.GeoPoint;

/**
 * What is sent to the works system for a report: the service, where, a description of the report, the case reference and
 * the attributes the works system asks for. Nothing about the resident: not their id, name or channel, and not the words
 * they wrote (which may name them or others); the place as the resident gave it is sent only as an address. A report
 * with photos is sent with a link to its first kept photo ({@code withPhoto}): the crew needs to see the defect.
 */
public record WorksRequest(String reference, String serviceCode, Optional<GeoPoint> location, Optional<String> address,
        String description, Map<String, String> attributes, boolean withPhoto) {

    public WorksRequest {
        attributes = Map.copyOf(attributes);
        if (location.isEmpty() && address.isEmpty()) {
            throw new IllegalArgumentException("an Open311 request needs a location or an address: " + reference);
        }
    }

    /** The request for {@code report}, a case of a service {@code system} takes and with a location. */
    public static WorksRequest of(Case report, Service service, WorksSystem system) {
        String ref = report.reference().value();
        Map<String, String> attributes = new LinkedHashMap<>();
        system.attributes().forEach((name, value) -> attributes.put(name,
                value.replace("{reference}", ref).replace("{service}", service.code())));
        return new WorksRequest(ref, system.serviceCodes().get(service.code()), report.pin(), report.place(),
                service.name() + " reported to the council on social media (case " + ref + ")"
                        + report.place().map(p -> ", at " + p).orElse(""), attributes, report.photos() > 0);
    }

    /** For the case's history: what went, in a line. */
    public String summary() {
        return "service " + serviceCode + location.map(p -> ", at " + p.latitude() + "," + p.longitude()).orElse("")
                + address.map(a -> ", address \"" + a + "\"").orElse("") + (withPhoto ? ", with a link to the photo" : "");
    }
}
