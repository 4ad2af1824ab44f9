package uk.councilinbox.open311.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.Services;
import uk.councilinbox.open311.http.MediaLinks;
import uk.councilinbox.cases.CasePhoto;
import uk.councilinbox.http.InvalidInputException;
import uk.councilinbox.http.ShortCache;
import uk.councilinbox.photos.PhotoStore;
import uk.councilinbox.settings.InboxConfig;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/**
 * Open311 GeoReport v2 read endpoints (JSON) under {@code /open311/v2/}: {@code services.json},
 * {@code requests.json} and {@code requests/{id}.json}, so a council CRM or FixMyStreet can take in
 * cases raised on social media. Public, so nothing personal: no resident ids, no message text; the
 * description says only what kind of case it is and where it came from. A resident's photo is personal data too, so
 * {@code media_url} is given only to the council's own systems (the {@code api_key}), as a signed link that expires
 * ({@link MediaLinks}). Errors are Open311's
 * {@code [{"code", "description"}]} ({@link Open311Errors}).
 */
@Path("/open311/v2")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Open311", description = "GeoReport v2, read only, public: cases raised on social media for a CRM or FixMyStreet.")
public class Open311Resource {

    private static final Pattern POSTCODE = Pattern.compile("\\b([A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2})\\b");
    /** FixMyStreet's window when no dates are given; Open311 has no paging, so a list is also bounded by a count. */
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(90);
    static final int MAX_REQUESTS = 1_000;
    static final int MAX_IDS = 100;
    /** Public answers may be kept this long, by browsers and shared caches and in the function itself. */
    static final Duration FRESH_FOR = Duration.ofSeconds(60);
    private static final String PUBLIC = "public, max-age=" + FRESH_FOR.toSeconds();
    /** An answer with media_url is for the key's holder alone: no shared cache keeps it. */
    private static final String KEY_HOLDER_ONLY = "private, no-store";

    /** A service as Open311 lists it: each of the council's report services it deals with, and complaints and enquiries. */
    record Offered(String code, Category category, String name, String group, String description, String keywords) {
        static final Offered COMPLAINT = new Offered("complaint", Category.COMPLAINT, "Complaint", "Customer services",
                "Dissatisfaction with a council service, decision or member of staff.", "complaint");
        static final Offered QUERY = new Offered("query", Category.QUERY, "Enquiry", "Customer services", "A question about a council service.",
                "question,enquiry");

        static Offered of(uk.councilinbox.cases.Service s) {
            return new Offered(s.code(), s.category(), s.name(), s.group(), s.description(), s.keywords());
        }
    }

    private static final Duration OBJECT_LINK = Duration.ofMinutes(1);

    private final CaseStore cases;
    private final List<Offered> offered;
    private final Services services;
    private final MediaLinks mediaLinks;
    private final PhotoStore photos;
    private final Optional<String> apiKey;
    private final ShortCache<List<String>, List<Open311Views.ServiceRequest>> recent =
            new ShortCache<>(FRESH_FOR, 1_000, java.time.Clock.systemUTC());

    public Open311Resource(CaseStore cases, Services services, MediaLinks mediaLinks, PhotoStore photos, InboxConfig config) {
        this.cases = cases;
        this.services = services;
        this.mediaLinks = mediaLinks;
        this.photos = photos;
        this.apiKey = InboxConfig.given(config.open311().apiKey());
        this.offered = Stream.concat(services.all().stream().filter(uk.councilinbox.cases.Service::handledHere).map(Offered::of),
                Stream.of(Offered.COMPLAINT, Offered.QUERY)).toList();
    }

    /**
     * The service a case is listed under: its report's service, or complaint or enquiry; none for other messages,
     * nor for a report another body deals with (it is not in services.json).
     */
    private Optional<Offered> offeredFor(Case c) {
        return switch (c.category()) {
            case POTHOLE_REPORT, FAULT_REPORT -> services.forReport(c.category(), c.service())
                    .filter(uk.councilinbox.cases.Service::handledHere).map(Offered::of);
            case COMPLAINT -> Optional.of(Offered.COMPLAINT);
            case QUERY -> Optional.of(Offered.QUERY);
            case OTHER -> Optional.empty();
        };
    }

    @GET
    @Path("/services.json")
    @Operation(summary = "Open311 service list: the council's report services (services/services.properties), complaint and query")
    @APIResponse(responseCode = "200", description = "Array of {service_code, service_name, description, metadata, type, keywords, group}")
    public jakarta.ws.rs.core.Response services() {
        return jakarta.ws.rs.core.Response.ok(offered.stream().map(s -> new Open311Views.ServiceDefinition(s.code(), s.name(),
                s.description(), false, "realtime", s.keywords(), s.group())).toList()).header("Cache-Control", PUBLIC).build();
    }

    @GET
    @Path("/requests.json")
    @Operation(summary = "Open311 service requests (no personal data)")
    @APIResponse(responseCode = "200", description = "Array of service requests: service_request_id, status, status_notes, service_name, "
            + "service_code, description, agency_responsible, service_notice, requested_datetime, updated_datetime, expected_datetime, "
            + "address, address_id, zipcode, lat, long, media_url")
    @APIResponse(responseCode = "400", description = "Bad parameter: [{\"code\": 400, \"description\": \"...\"}]",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Open311Errors.Open311Error.class)))
    public jakarta.ws.rs.core.Response requests(
            @QueryParam("service_request_id") @Parameter(description = "comma-separated references") String ids,
            @QueryParam("service_code") @Parameter(description = "a service_code from services.json, e.g. potholes, street_lighting, complaint")
            String serviceCode,
            @QueryParam("start_date") @Parameter(description = "W3C date-time, e.g. 2026-11-01T00:00:00Z (default: 90 days before end_date)")
            String startDate,
            @QueryParam("end_date") @Parameter(description = "W3C date-time (default: now)") String endDate,
            @QueryParam("status") @Parameter(description = "open or closed", schema = @Schema(enumeration = {"open", "closed"})) String status,
            @QueryParam("api_key") @Parameter(description = API_KEY) String key, @Context UriInfo uri) {
        boolean withMedia = trusted(key);
        String base = withMedia ? uri.getBaseUri().toString() : "";
        List<Open311Views.ServiceRequest> found = recent.get(Arrays.asList("requests", ids, serviceCode, startDate, endDate, status, base),
                () -> ids != null ? byIds(ids, withMedia, uri) : listed(serviceCode, startDate, endDate, status, withMedia, uri));
        return jakarta.ws.rs.core.Response.ok(found).header("Cache-Control", withMedia ? KEY_HOLDER_ONLY : PUBLIC).build();
    }

    private List<Open311Views.ServiceRequest> byIds(String ids, boolean withMedia, UriInfo uri) {
        List<String> wanted = Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
        if (wanted.size() > MAX_IDS) {
            throw new InvalidInputException("at most " + MAX_IDS + " service_request_id values at once");
        }
        return wanted.stream().map(Reference::parse).flatMap(Optional::stream).map(cases::find).flatMap(Optional::stream)
                .flatMap(c -> offeredFor(c).map(s -> request(c, s, withMedia, uri)).stream()).toList();
    }

    /**
     * The newest {@link #MAX_REQUESTS} in the window, read with the store's limit (the status, the service's category and
     * the dates are what its index is keyed by; the service itself is checked on the cases read).
     */
    private List<Open311Views.ServiceRequest> listed(String serviceCode, String startDate, String endDate, String status, boolean withMedia,
            UriInfo uri) {
        Optional<Offered> service = Optional.empty();
        if (serviceCode != null) {
            service = Optional.of(offered.stream().filter(s -> s.code().equals(serviceCode)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("unknown service_code; see services.json")));
        }
        Instant end;
        Instant start;
        try {
            end = Optional.ofNullable(endDate).map(Open311Resource::instant).orElse(Instant.now());
            start = Optional.ofNullable(startDate).map(Open311Resource::instant).orElse(end.minus(DEFAULT_WINDOW));
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("start_date and end_date must be W3C date-times, e.g. 2026-11-01T00:00:00Z");
        }
        Set<CaseStatus> statuses = switch (Optional.ofNullable(status).orElse("")) {
            case "" -> Set.of();
            case "open" -> Set.of(CaseStatus.RECEIVED, CaseStatus.ACKNOWLEDGED, CaseStatus.IN_PROGRESS, CaseStatus.NEEDS_REVIEW);
            case "closed" -> Set.of(CaseStatus.RESOLVED, CaseStatus.CLOSED, CaseStatus.REJECTED);
            default -> throw new InvalidInputException("status must be open or closed");
        };
        // A catch-all also takes the reports filed under no service (or one since withdrawn): only offeredFor can tell.
        Optional<String> reportService = service.filter(s -> s.category().isReport()).map(Offered::code)
                .filter(code -> !code.equals(Services.POTHOLES) && !code.equals(Services.OTHER_FAULT));
        List<Case> found = cases.search(new CaseQuery(statuses, service.map(Offered::category), Optional.empty(),
                Optional.of(start), Optional.of(end), Optional.empty(), MAX_REQUESTS, reportService));
        Optional<Offered> wanted = service;
        return found.stream().flatMap(c -> offeredFor(c).filter(s -> wanted.isEmpty() || wanted.get().equals(s))
                .map(s -> request(c, s, withMedia, uri)).stream()).toList();
    }

    @GET
    @Path("/requests/{service_request_id}.json")
    @Operation(summary = "One Open311 service request")
    @APIResponse(responseCode = "200", description = "An array holding the request")
    @APIResponse(responseCode = "404", description = "No such request: [{\"code\": 404, \"description\": \"...\"}]",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Open311Errors.Open311Error.class)))
    public jakarta.ws.rs.core.Response one(@PathParam("service_request_id") @Parameter(example = "K7PD-M4QX") String id,
            @QueryParam("api_key") @Parameter(description = API_KEY) String key, @Context UriInfo uri) {
        boolean withMedia = trusted(key);
        String base = withMedia ? uri.getBaseUri().toString() : "";
        List<Open311Views.ServiceRequest> found = recent.get(List.of("request", id, base), () -> Reference.parse(id).flatMap(cases::find)
                .flatMap(c -> offeredFor(c).map(s -> request(c, s, withMedia, uri))).stream().toList());
        return found.isEmpty() ? Open311Errors.response(404, "no service request " + id)
                : jakarta.ws.rs.core.Response.ok(found).header("Cache-Control", withMedia ? KEY_HOLDER_ONLY : PUBLIC).build();
    }

    @GET
    @Path("/media")
    @Operation(summary = "A service request's photo, through a signed link that expires (the media_url)")
    @APIResponse(responseCode = "302", description = "To a one-minute link to the photo itself")
    @APIResponse(responseCode = "404", description = "Not a valid link, expired, or no photo kept: [{\"code\": 404, \"description\": \"...\"}]",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Open311Errors.Open311Error.class)))
    public jakarta.ws.rs.core.Response media(
            @QueryParam("link") @Parameter(description = "the signed link from media_url (in the query, so access logs never hold it)")
            String token) {
        return Optional.ofNullable(token).flatMap(mediaLinks::verify).flatMap(cases::detail)
                .flatMap(d -> d.messages().stream().flatMap(m -> m.media().stream())
                        .filter(p -> p.outcome() == CasePhoto.Outcome.KEPT && !p.isVideo()).findFirst())
                .flatMap(CasePhoto::objectKey)
                .map(key -> jakarta.ws.rs.core.Response.status(302).location(photos.link(key, OBJECT_LINK))
                        .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build())
                .orElseGet(() -> Open311Errors.response(404, "no such photo, or the link has expired"));
    }

    private static final String API_KEY = "the council's Open311 key: with it, requests with a photo carry a media_url";

    /**
     * Whether the caller is the council's own system (the key, compared in constant time); a wrong key is refused rather
     * than quietly answered as public.
     */
    private boolean trusted(String key) {
        if (key == null) {
            return false;
        }
        boolean ok = apiKey.map(k -> java.security.MessageDigest.isEqual(k.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8))).orElse(false);
        if (!ok) {
            throw new ForbiddenKeyException();
        }
        return true;
    }

    static final class ForbiddenKeyException extends RuntimeException {
        ForbiddenKeyException() {
            super("api_key is not valid");
        }
    }

    @ServerExceptionMapper
    public jakarta.ws.rs.core.Response forbiddenKey(ForbiddenKeyException e) {
        return Open311Errors.response(403, e.getMessage());
    }

    private Open311Views.ServiceRequest request(Case c, Offered service, boolean withMedia, UriInfo uri) {
        String mediaUrl = withMedia && c.photos() > 0
                ? mediaLinks.url(uri.getBaseUri().toString(), c.reference())
                : null;
        boolean open = c.status().isOpen() && c.status() != CaseStatus.RESOLVED;
        return new Open311Views.ServiceRequest(c.reference().value(), open ? "open" : "closed", statusNotes(c.status()), service.name(),
                service.code(), service.name() + " reported on " + c.channel().label(), service.group(), "", c.createdAt(),
                c.updatedAt(), null, c.place().orElse(null), null,
                c.place().map(POSTCODE::matcher).filter(Matcher::find).map(m -> m.group(1)).orElse(null),
                c.pin().map(p -> p.latitude()).orElse(null), c.pin().map(p -> p.longitude()).orElse(null), mediaUrl);
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

    /** Open311 callers expect its error shape, not the staff API's. */
    @ServerExceptionMapper
    public jakarta.ws.rs.core.Response invalidInput(InvalidInputException e) {
        return Open311Errors.response(400, e.getMessage());
    }

    private static Instant instant(String value) {
        return OffsetDateTime.parse(value).toInstant();
    }
}
