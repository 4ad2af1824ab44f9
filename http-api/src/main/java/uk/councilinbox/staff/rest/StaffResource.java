package uk.councilinbox.staff.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.cases.Service;
import uk.councilinbox.cases.Services;
import uk.councilinbox.http.FirstValues;
import uk.councilinbox.http.InvalidInputException;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.photos.PhotoStore;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.staff.CaseWork;
import uk.councilinbox.staff.StaffActionException;
import uk.councilinbox.staff.StaffUser;
import uk.councilinbox.trends.TrendCsv;
import uk.councilinbox.trends.TrendReport;
import uk.councilinbox.trends.TrendReports;
import uk.councilinbox.trends.TrendsService;

/**
 * {@code /api/}: the staff API. Every operation needs a staff token (checked by {@link StaffTokenFilter}); bulk
 * changes and erasure need a supervisor. Bad input is a 400, an unknown case a 404, a disallowed
 * transition a 409, each with a message saying what to do.
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Staff", description = "Working cases: list, read, change status or category, notes, bulk changes, erasure, trends.")
@SecurityRequirement(name = "staffToken")
@APIResponse(responseCode = "401", ref = "Unauthorised")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class StaffResource {

    private static final Logger LOG = Logger.getLogger(StaffResource.class);
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;
    private static final List<String> FILTERS = List.of("area", "category", "channel", "from", "limit", "status", "to");

    private final CaseWork work;
    private final CaseStore cases;
    private final TrendsService trends;
    private final TrendReports reports;
    private final CurrentStaff staff;
    private final Services services;
    private final PhotoStore photos;
    private final Duration photoLinkValidity;

    private final java.time.Clock clock;

    public StaffResource(CaseWork work, CaseStore cases, TrendsService trends, TrendReports reports, CurrentStaff staff, Services services,
            PhotoStore photos, InboxConfig config, java.time.Clock clock) {
        this.services = services;
        this.clock = clock;
        this.photos = photos;
        this.photoLinkValidity = Duration.ofMinutes(config.photos().staffLinkMinutes());
        this.work = work;
        this.cases = cases;
        this.trends = trends;
        this.reports = reports;
        this.staff = staff;
    }

    @Schema(name = "StaffMember")
    public record Me(String id, @Schema(enumeration = {"agent", "supervisor"}) List<String> roles) {}

    @GET
    @Path("/me")
    @Operation(summary = "Who the token says you are")
    @APIResponse(responseCode = "200", description = "The staff member")
    public Me me() {
        StaffUser user = staff.user();
        return new Me(user.id(), user.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList());
    }

    @GET
    @Path("/vocabulary")
    @Operation(summary = "Statuses (with the statuses staff may move each to), categories, services and channels, each with its label",
            description = "What the staff console offers in its filters and forms, so it never keeps its own copy of the rules.")
    @APIResponse(responseCode = "200", description = "The terms", content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = Vocabulary.class), examples = @ExampleObject(name = "excerpt", value = """
                    {"statuses": [{"value": "received", "label": "Received", "next": ["acknowledged", "in_progress", "needs_review", "rejected"]}],
                     "categories": [{"value": "pothole_report", "label": "Pothole report"}],
                     "services": [{"value": "street_lighting", "label": "Street lighting", "category": "fault_report", "elsewhere": null}],
                     "channels": [{"value": "whatsapp", "label": "WhatsApp"}]}""")))
    public Vocabulary vocabulary() {
        return Vocabulary.current(services);
    }

    @GET
    @Path("/cases")
    @Operation(summary = "List cases, newest first")
    @APIResponse(responseCode = "200", description = "Matching cases")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public List<CaseViews.Summary> listCases(UriInfo uri,
            @QueryParam("status") @Parameter(description = "comma-separated statuses") String status,
            @QueryParam("category") @Parameter(description = "pothole_report, fault_report, complaint, query or other") String category,
            @QueryParam("channel") @Parameter(description = "messenger, instagram, facebook, whatsapp or x") String channel,
            @QueryParam("from") @Parameter(description = "created on or after (2026-11-01 or an instant)") String from,
            @QueryParam("to") @Parameter(description = "created on or before this date (2026-11-30), or before this instant") String to,
            @QueryParam("area") @Parameter(description = "road, town or postcode the place contains") String area,
            @QueryParam("limit") @Parameter(description = "at most this many (default 100, at most 1000)") String limit) {
        Map<String, String> filters = FirstValues.of(uri.getQueryParameters());
        int max = Optional.ofNullable(limit).map(l -> intValue(l, "limit")).orElse(DEFAULT_LIMIT);
        return cases.search(query(filters, max)).stream().map(CaseViews.Summary::of).toList();
    }

    @GET
    @Path("/cases/{reference}")
    @Operation(summary = "One case with its messages and history")
    @APIResponse(responseCode = "200", description = "The case")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public CaseViews.Detail caseDetail(@PathParam("reference") @Parameter(example = "K7PD-M4QX") String reference) {
        Reference ref = reference(reference);
        return cases.detail(ref).map(d -> CaseViews.Detail.of(d, key -> photos.link(key, photoLinkValidity).toString()))
                .orElseThrow(() -> noCase(reference));
    }

    @POST
    @Path("/cases/{reference}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the status (allowed transitions only); the resident is told of in_progress, resolved and rejected")
    @APIResponse(responseCode = "200", description = "The changed case")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public CaseViews.Summary changeStatus(@PathParam("reference") @Parameter(example = "K7PD-M4QX") String reference,
            @Valid @NotNull(message = StaffRequests.NO_BODY) StaffRequests.StatusChange body) {
        Case changed = work.changeStatus(staff.user(), reference(reference), enumValue(CaseStatus.class, body.status(), "status"),
                Optional.ofNullable(body.note()).orElse(""));
        return CaseViews.Summary.of(changed);
    }

    @POST
    @Path("/cases/{reference}/category")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reassign the category, and for a report the service (default: the category's catch-all)")
    @APIResponse(responseCode = "200", description = "The changed case")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public CaseViews.Summary recategorise(@PathParam("reference") @Parameter(example = "K7PD-M4QX") String reference,
            @Valid @NotNull(message = StaffRequests.NO_BODY) StaffRequests.CategoryChange body) {
        Category category = enumValue(Category.class, body.category(), "category");
        Case changed = work.recategorise(staff.user(), reference(reference), category, service(category, body.service()),
                Optional.ofNullable(body.note()).orElse(""));
        return CaseViews.Summary.of(changed);
    }

    @POST
    @Path("/cases/{reference}/notes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add an internal note (never sent to the resident)")
    @APIResponse(responseCode = "200", description = "The case")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public CaseViews.Summary addNote(@PathParam("reference") @Parameter(example = "K7PD-M4QX") String reference,
            @Valid @NotNull(message = StaffRequests.NO_BODY) StaffRequests.Note body) {
        return CaseViews.Summary.of(work.addNote(staff.user(), reference(reference), body.note()));
    }

    @Schema(name = "BulkResult")
    public record BulkResult(int matched, int changed, List<Skipped> skipped) {}

    @Schema(name = "BulkSkipped")
    public record Skipped(String reference, String reason) {}

    @POST
    @Path("/bulk/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change every matching case's status (supervisor), e.g. every open pothole on one road to resolved")
    @APIResponse(responseCode = "200", description = "What was changed; cases that could not be (wrong state) are listed with why")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public BulkResult bulkStatus(@Valid @NotNull(message = StaffRequests.NO_BODY) StaffRequests.BulkStatusChange body) {
        StaffUser user = staff.user();
        if (!user.may(StaffUser.Role.SUPERVISOR)) {
            throw new StaffActionException(StaffActionException.Reason.NOT_ALLOWED, "only a supervisor may change cases in bulk");
        }
        CaseStatus target = enumValue(CaseStatus.class, body.status(), "status");
        CaseWork.BulkResult result = work.bulkChangeStatus(user, query(body.filter(), CaseWork.BULK_LIMIT), target,
                Optional.ofNullable(body.note()).orElse(""));
        LOG.infof("%s moved %d of %d matching case(s) to %s", user.id(), result.changed(), result.matched(), target.label());
        return new BulkResult(result.matched(), result.changed(),
                result.skipped().stream().map(s -> new Skipped(s.reference(), s.reason())).toList());
    }

    @Schema(name = "ErasureResult")
    public record Erased(int casesErased) {}

    @POST
    @Path("/residents/erase")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Erase a resident's personal data from all their cases (supervisor); the cases are kept")
    @APIResponse(responseCode = "200", description = "How many cases held their data")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Erased erase(@Valid @NotNull(message = StaffRequests.NO_BODY) StaffRequests.Erasure body) {
        StaffUser user = staff.user();
        Channel channel = enumValue(Channel.class, body.channel(), "channel");
        int erased = work.eraseResident(user, channel.name() + ":" + body.residentId(), body.reason());
        LOG.infof("%s erased a resident's personal data from %d case(s)", user.id(), erased);
        return new Erased(erased);
    }

    @Schema(name = "SubjectAccessExport")
    public record Export(String channel, String residentId, Instant exportedAt, List<CaseViews.Detail> cases) {}

    @POST
    @Path("/residents/export")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Export everything held about a resident (supervisor): a subject access request",
            description = "Each of their cases with its messages, replies, photos (links valid for minutes) and whole history; each case's "
                    + "history records the export (who, when, the reason given). A POST, so the resident's id is in no URL or access log.")
    @APIResponse(responseCode = "200", description = "Their cases; none when nothing is held")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Export export(@Valid @NotNull(message = StaffRequests.NO_BODY) StaffRequests.Erasure body) {
        StaffUser user = staff.user();
        Channel channel = enumValue(Channel.class, body.channel(), "channel");
        List<CaseViews.Detail> theirs = work.exportResident(user, channel.name() + ":" + body.residentId(), body.reason()).stream()
                .map(d -> CaseViews.Detail.of(d, key -> photos.link(key, photoLinkValidity).toString())).toList();
        LOG.infof("%s exported a resident's personal data from %d case(s)", user.id(), theirs.size());
        return new Export(channel.label(), body.residentId(), clock.instant(), theirs);
    }

    @GET
    @Path("/trends")
    @Operation(summary = "Contact trends: daily counts by category, channel and area, spikes, response times, channel-shift saving",
            description = "Today's stored report for this period when the daily function has made one, else worked out now and kept.")
    @APIResponse(responseCode = "200", description = "The report")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public TrendReport trends(@QueryParam("days") @Parameter(description = "days covered, 7 to 92 (default 28)") String days) {
        return trendReport(days);
    }

    @GET
    @Path("/trends.csv")
    @Produces("text/csv")
    @Operation(summary = "The daily rows of the trends report as CSV, for a spreadsheet")
    @APIResponse(responseCode = "200", description = "One row per day", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response trendsCsv(@QueryParam("days") @Parameter(description = "days covered, 7 to 92 (default 28)") String days) {
        TrendReport report = trendReport(days);
        return csv(TrendCsv.of(report), "trends-" + report.to());
    }

    @GET
    @Path("/trends/answer-times.csv")
    @Produces("text/csv")
    @Operation(summary = "Time to the first human answer and to resolution by channel and category, as CSV")
    @APIResponse(responseCode = "200", description = "One row per channel and category with cases", content = @Content(mediaType = "text/csv"))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public Response answerTimesCsv(@QueryParam("days") @Parameter(description = "days covered, 7 to 92 (default 28)") String days) {
        TrendReport report = trendReport(days);
        return csv(TrendCsv.answerTimes(report), "answer-times-" + report.to());
    }

    private static Response csv(String body, String fileName) {
        return Response.ok(body, "text/csv; charset=utf-8").header("content-disposition", "attachment; filename=\"" + fileName + ".csv\"").build();
    }

    private TrendReport trendReport(String daysParam) {
        int days = Optional.ofNullable(daysParam).map(d -> intValue(d, "days")).orElse(28);
        if (days < 7 || days > 92) {
            throw new InvalidInputException("days must be between 7 and 92");
        }
        return trends.current(days, reports);
    }

    private static CaseQuery query(Map<String, String> params, int limit) {
        params.keySet().stream().filter(k -> !FILTERS.contains(k)).findFirst()
                .ifPresent(k -> { throw new InvalidInputException("unknown filter \"" + k + "\"; use " + String.join(", ", FILTERS)); });
        Set<CaseStatus> statuses = Optional.ofNullable(params.get("status")).map(s -> Arrays.stream(s.split(","))
                .map(v -> enumValue(CaseStatus.class, v, "status")).collect(Collectors.toSet())).orElse(Set.of());
        if (limit < 1 || limit > Math.max(MAX_LIMIT, CaseWork.BULK_LIMIT)) {
            throw new InvalidInputException("limit must be between 1 and " + MAX_LIMIT);
        }
        return new CaseQuery(statuses,
                Optional.ofNullable(params.get("category")).map(v -> enumValue(Category.class, v, "category")),
                Optional.ofNullable(params.get("channel")).map(v -> enumValue(Channel.class, v, "channel")),
                Optional.ofNullable(params.get("from")).map(v -> date(v, "from")),
                Optional.ofNullable(params.get("to")).map(v -> v.length() == 10 ? date(v, "to").plus(Duration.ofDays(1)) : date(v, "to")),
                Optional.ofNullable(params.get("area")), limit);
    }

    static Reference reference(String value) {
        return Reference.parse(value).orElseThrow(() -> noCase(value));
    }

    static StaffActionException noCase(String reference) {
        return new StaffActionException(StaffActionException.Reason.NOT_FOUND, "no case " + reference);
    }

    /** The service a recategorised case goes to: the one named, which must be one of the category's, or the category's catch-all. */
    private Optional<String> service(Category category, String named) {
        Optional<String> code = Optional.ofNullable(named).map(String::strip).filter(n -> !n.isEmpty());
        if (code.isPresent() && !category.isReport()) {
            throw new InvalidInputException("\"service\" is only for pothole_report and fault_report, not " + category.label());
        }
        if (code.isPresent() && services.find(code.get()).filter(s -> s.category() == category).isEmpty()) {
            throw new InvalidInputException("\"service\" for " + category.label() + " must be one of " + services.all().stream()
                    .filter(s -> s.category() == category).map(Service::code).collect(Collectors.joining(", ")));
        }
        return services.forReport(category, code).map(Service::code);
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("\"" + field + "\" must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    private static Instant date(String value, String field) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("\"" + field + "\" must be a date (2026-11-23) or an instant (2026-11-23T09:00:00Z)");
        }
    }

    static int intValue(String value, String field) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("\"" + field + "\" must be a whole number");
        }
    }
}
