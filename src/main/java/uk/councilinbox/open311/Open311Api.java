package uk.councilinbox.open311;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.http.HttpRequest;
import uk.councilinbox.http.HttpResponse;
import uk.councilinbox.http.HttpRoute;

/**
 * Open311 GeoReport v2 read endpoints (JSON) under {@code /open311/v2/}: {@code services.json},
 * {@code requests.json} and {@code requests/{id}.json}, so a council CRM or FixMyStreet can take in
 * cases raised on social media. Public, so nothing personal: no resident ids, no message text; the
 * description says only what kind of case it is and where it came from.
 */
@ApplicationScoped
public class Open311Api implements HttpRoute {

    private static final String PREFIX = "/open311/v2/";
    private static final Pattern ONE_REQUEST = Pattern.compile("/open311/v2/requests/([^/]+)\\.json");
    private static final Pattern POSTCODE = Pattern.compile("\\b([A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2})\\b");
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(90);
    private static final int MAX_REQUESTS = 1_000;

    /** The services offered: every category but {@code other}. */
    enum Service {
        POTHOLE_REPORT(Category.POTHOLE_REPORT, "Pothole or road surface defect", "Highways",
                "Potholes, sunken or broken covers, crumbling road, pavement or cycle path surfaces.", "pothole,road,pavement,surface"),
        COMPLAINT(Category.COMPLAINT, "Complaint", "Customer services",
                "Dissatisfaction with a council service, decision or member of staff.", "complaint"),
        QUERY(Category.QUERY, "Enquiry", "Customer services", "A question about a council service.", "question,enquiry");

        final Category category;
        final String name;
        final String group;
        final String description;
        final String keywords;

        Service(Category category, String name, String group, String description, String keywords) {
            this.category = category;
            this.name = name;
            this.group = group;
            this.description = description;
            this.keywords = keywords;
        }

        static Optional<Service> of(Category category) {
            return Arrays.stream(values()).filter(s -> s.category == category).findFirst();
        }

        static Optional<Service> byCode(String code) {
            return Arrays.stream(values()).filter(s -> s.category.label().equals(code)).findFirst();
        }
    }

    private final CaseStore cases;
    private final ObjectMapper json;

    public Open311Api(CaseStore cases, ObjectMapper json) {
        this.cases = cases;
        this.json = json;
    }

    @Override
    public boolean owns(String path) {
        return path.startsWith(PREFIX);
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (!request.method().equals("GET")) {
            return error(405, "only GET is supported");
        }
        String path = request.path();
        if (path.equals(PREFIX + "services.json")) {
            return services();
        }
        if (path.equals(PREFIX + "requests.json")) {
            return requests(request);
        }
        Matcher one = ONE_REQUEST.matcher(path);
        if (one.matches()) {
            return Reference.parse(one.group(1)).flatMap(cases::find).filter(c -> Service.of(c.category()).isPresent())
                    .map(c -> HttpResponse.json(200, json.createArrayNode().add(request(c)).toString()))
                    .orElseGet(() -> error(404, "no service request " + one.group(1)));
        }
        return error(404, "no such endpoint; see services.json and requests.json");
    }

    private HttpResponse services() {
        ArrayNode list = json.createArrayNode();
        for (Service s : Service.values()) {
            list.addObject().put("service_code", s.category.label()).put("service_name", s.name).put("description", s.description)
                    .put("metadata", false).put("type", "realtime").put("keywords", s.keywords).put("group", s.group);
        }
        return HttpResponse.json(200, list.toString());
    }

    private HttpResponse requests(HttpRequest request) {
        if (request.queryParam("service_request_id").isPresent()) {
            ArrayNode list = json.createArrayNode();
            for (String id : request.queryParam("service_request_id").get().split(",")) {
                Reference.parse(id).flatMap(cases::find).filter(c -> Service.of(c.category()).isPresent()).ifPresent(c -> list.add(request(c)));
            }
            return HttpResponse.json(200, list.toString());
        }
        Optional<Service> service = Optional.empty();
        if (request.queryParam("service_code").isPresent()) {
            service = Service.byCode(request.queryParam("service_code").get());
            if (service.isEmpty()) {
                return error(400, "unknown service_code; see services.json");
            }
        }
        Instant end;
        Instant start;
        try {
            end = request.queryParam("end_date").map(Open311Api::instant).orElse(Instant.now());
            start = request.queryParam("start_date").map(Open311Api::instant).orElse(end.minus(DEFAULT_WINDOW));
        } catch (DateTimeParseException e) {
            return error(400, "start_date and end_date must be W3C date-times, e.g. 2026-11-01T00:00:00Z");
        }
        Set<CaseStatus> statuses = switch (request.queryParam("status").orElse("")) {
            case "" -> Set.of();
            case "open" -> Set.of(CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS, CaseStatus.NEEDS_REVIEW);
            case "closed" -> Set.of(CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.REJECTED);
            default -> null;
        };
        if (statuses == null) {
            return error(400, "status must be open or closed");
        }
        List<Case> found = cases.search(new CaseQuery(statuses, service.map(s -> s.category), Optional.empty(),
                Optional.of(start), Optional.of(end), Optional.empty(), MAX_REQUESTS));
        ArrayNode list = json.createArrayNode();
        found.stream().filter(c -> Service.of(c.category()).isPresent()).forEach(c -> list.add(request(c)));
        return HttpResponse.json(200, list.toString());
    }

    private ObjectNode request(Case c) {
        Service service = Service.of(c.category()).orElseThrow();
        boolean open = c.status().isOpen() && c.status() != CaseStatus.RESOLVED;
        ObjectNode node = json.createObjectNode()
                .put("service_request_id", c.reference().value())
                .put("status", open ? "open" : "closed")
                .put("status_notes", statusNotes(c.status()))
                .put("service_name", service.name)
                .put("service_code", service.category.label())
                .put("description", service.name + " reported on " + c.channel().label())
                .put("agency_responsible", service.group)
                .put("service_notice", "")
                .put("requested_datetime", c.createdAt().toString())
                .put("updated_datetime", c.updatedAt().toString())
                .putNull("expected_datetime")
                .putNull("address_id")
                .putNull("media_url");
        node.put("address", c.place().orElse(null));
        node.put("zipcode", c.place().map(POSTCODE::matcher).filter(Matcher::find).map(m -> m.group(1)).orElse(null));
        if (c.pin().isPresent()) {
            node.put("lat", c.pin().get().latitude()).put("long", c.pin().get().longitude());
        } else {
            node.putNull("lat").putNull("long");
        }
        return node;
    }

    private static String statusNotes(CaseStatus status) {
        return switch (status) {
            case RECEIVED, ACKNOWLEDGED -> "Received";
            case NEEDS_REVIEW -> "Being reviewed";
            case IN_PROGRESS -> "In progress";
            case RESOLVED -> "Resolved";
            case CLOSED -> "Closed";
            case REJECTED -> "Not a council matter";
        };
    }

    private static Instant instant(String value) {
        return java.time.OffsetDateTime.parse(value).toInstant();
    }

    /** Open311's error shape: an array of {code, description}. */
    private HttpResponse error(int status, String description) {
        return HttpResponse.json(status, json.createArrayNode().add(json.createObjectNode().put("code", status)
                .put("description", description)).toString());
    }
}
