package uk.councilinbox.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseQuery;
import uk.councilinbox.cases.CaseStatus;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Category;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.http.HttpRequest;
import uk.councilinbox.http.HttpResponse;
import uk.councilinbox.http.HttpRoute;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.trends.TrendCsv;
import uk.councilinbox.trends.TrendReport;
import uk.councilinbox.trends.TrendReports;
import uk.councilinbox.trends.TrendsService;

/**
 * {@code /api/}: the staff API (documented in {@code /q/openapi}). Every request needs a valid staff
 * token (401 without) with the agent or supervisor role (403 without); bulk changes and erasure need a
 * supervisor. Bad input is a 400, an unknown case a 404, a disallowed transition a 409, each with a
 * message saying what to do.
 */
@ApplicationScoped
public class StaffApi implements HttpRoute {

    private static final Logger LOG = Logger.getLogger(StaffApi.class);
    private static final Pattern CASE_PATH = Pattern.compile("/api/cases/([^/]+)(/status|/category|/notes)?");
    private static final int MAX_NOTE = 2_000;
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;

    private final StaffAuthenticator authenticator;
    private final CaseWork work;
    private final CaseStore cases;
    private final TrendsService trends;
    private final TrendReports reports;
    private final ObjectMapper json;
    private final CaseJson view;

    public StaffApi(StaffAuthenticator authenticator, CaseWork work, CaseStore cases, TrendsService trends, TrendReports reports,
            ObjectMapper json) {
        this.authenticator = authenticator;
        this.work = work;
        this.cases = cases;
        this.trends = trends;
        this.reports = reports;
        this.json = json;
        this.view = new CaseJson(json);
    }

    @Override
    public boolean owns(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Optional<StaffUser> user = authenticator.authenticate(request.header("authorization"));
        if (user.isEmpty()) {
            return new HttpResponse(401, Map.of("content-type", "application/json", "www-authenticate", "Bearer"),
                    "{\"error\":\"a valid staff token is required (Authorization: Bearer ...)\"}");
        }
        if (!user.get().may(StaffUser.Role.AGENT)) {
            return HttpResponse.error(403, "this token has neither the agent nor the supervisor role");
        }
        try {
            return route(request, user.get());
        } catch (BadRequest e) {
            return HttpResponse.error(400, e.getMessage());
        } catch (StaffActionException e) {
            return HttpResponse.error(switch (e.reason()) {
                case NOT_FOUND -> 404;
                case NOT_ALLOWED -> 403;
                case CONFLICT -> 409;
            }, e.getMessage());
        }
    }

    private HttpResponse route(HttpRequest request, StaffUser user) {
        String path = request.path();
        String method = request.method();
        if (path.equals("/api/me") && method.equals("GET")) {
            ObjectNode me = json.createObjectNode().put("id", user.id());
            ArrayNode roles = me.putArray("roles");
            user.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().forEach(roles::add);
            return ok(me);
        }
        if (path.equals("/api/vocabulary") && method.equals("GET")) {
            return ok(vocabulary());
        }
        if (path.equals("/api/cases") && method.equals("GET")) {
            return listCases(request);
        }
        if ((path.equals("/api/trends") || path.equals("/api/trends.csv")) && method.equals("GET")) {
            TrendReport report = trendReport(request.queryParam("days").map(d -> intValue(d, "days")).orElse(28));
            if (path.endsWith(".csv")) {
                return new HttpResponse(200, Map.of("content-type", "text/csv; charset=utf-8",
                        "content-disposition", "attachment; filename=\"trends-" + report.to() + ".csv\""), TrendCsv.of(report));
            }
            return HttpResponse.json(200, writeJson(report));
        }
        if (path.equals("/api/bulk/status") && method.equals("POST")) {
            return bulkStatus(request, user);
        }
        if (path.equals("/api/residents/erase") && method.equals("POST")) {
            JsonNode body = body(request);
            Channel channel = enumValue(Channel.class, required(body, "channel"), "channel");
            String resident = required(body, "residentId");
            int erased = work.eraseResident(user, channel.name() + ":" + resident, note(body, "reason", true));
            LOG.infof("%s erased a resident's personal data from %d case(s)", user.id(), erased);
            return ok(json.createObjectNode().put("casesErased", erased));
        }
        Matcher m = CASE_PATH.matcher(path);
        if (m.matches()) {
            Reference ref = Reference.parse(m.group(1))
                    .orElseThrow(() -> new StaffActionException(StaffActionException.Reason.NOT_FOUND, "no case " + m.group(1)));
            String action = m.group(2);
            if (action == null && method.equals("GET")) {
                return cases.detail(ref).map(d -> ok(view.detail(d)))
                        .orElseThrow(() -> new StaffActionException(StaffActionException.Reason.NOT_FOUND, "no case " + ref));
            }
            if (action != null && method.equals("POST")) {
                JsonNode body = body(request);
                Case changed = switch (action) {
                    case "/status" -> work.changeStatus(user, ref, enumValue(CaseStatus.class, required(body, "status"), "status"),
                            note(body, "note", false));
                    case "/category" -> work.recategorise(user, ref, enumValue(Category.class, required(body, "category"), "category"),
                            note(body, "note", false));
                    default -> work.addNote(user, ref, note(body, "note", true));
                };
                return ok(view.summary(changed));
            }
        }
        return HttpResponse.error(owned(path) ? 405 : 404, owned(path) ? "method not allowed here" : "no such endpoint");
    }

    /** Today's stored report when there is one for this period, else worked out now (and kept). */
    private TrendReport trendReport(int days) {
        if (days < 7 || days > 92) {
            throw new BadRequest("days must be between 7 and 92");
        }
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return reports.latest(days).filter(r -> !r.to().isBefore(today)).orElseGet(() -> {
            TrendReport fresh = trends.compute(days);
            reports.save(days, fresh);
            return fresh;
        });
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException("not serialisable", e);
        }
    }

    private static boolean owned(String path) {
        return path.equals("/api/me") || path.startsWith("/api/trends") || path.equals("/api/cases") || path.equals("/api/bulk/status")
                || path.equals("/api/residents/erase") || CASE_PATH.matcher(path).matches();
    }

    /** What the console offers: every status with those staff may move it to, every category and channel, each with its label. */
    private ObjectNode vocabulary() {
        ObjectNode vocabulary = json.createObjectNode();
        ArrayNode statuses = vocabulary.putArray("statuses");
        for (CaseStatus status : CaseStatus.values()) {
            ArrayNode next = term(statuses, status.label(), sentenceCase(status.label())).putArray("next");
            status.next().forEach(target -> next.add(target.label()));
        }
        ArrayNode categories = vocabulary.putArray("categories");
        Arrays.stream(Category.values()).forEach(c -> term(categories, c.label(), sentenceCase(c.label())));
        ArrayNode channels = vocabulary.putArray("channels");
        Arrays.stream(Channel.values()).forEach(c -> term(channels, c.label(), c.displayName()));
        return vocabulary;
    }

    private static ObjectNode term(ArrayNode list, String value, String label) {
        return list.addObject().put("value", value).put("label", label);
    }

    /** {@code needs_review} -> "Needs review". */
    private static String sentenceCase(String value) {
        String words = value.replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private HttpResponse listCases(HttpRequest request) {
        CaseQuery query = query(request.query(), request.queryParam("limit").map(l -> intValue(l, "limit")).orElse(DEFAULT_LIMIT));
        ArrayNode list = json.createArrayNode();
        cases.search(query).forEach(c -> list.add(view.summary(c)));
        return ok(list);
    }

    private HttpResponse bulkStatus(HttpRequest request, StaffUser user) {
        if (!user.may(StaffUser.Role.SUPERVISOR)) {
            throw new StaffActionException(StaffActionException.Reason.NOT_ALLOWED, "only a supervisor may change cases in bulk");
        }
        JsonNode body = body(request);
        JsonNode filter = body.path("filter");
        if (!filter.isObject() || filter.isEmpty()) {
            throw new BadRequest("\"filter\" must name at least one of status, category, channel, from, to, area");
        }
        Map<String, String> criteria = filter.properties().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asText()));
        CaseStatus target = enumValue(CaseStatus.class, required(body, "status"), "status");
        CaseWork.BulkResult result = work.bulkChangeStatus(user, query(criteria, CaseWork.BULK_LIMIT), target, note(body, "note", false));
        LOG.infof("%s moved %d of %d matching case(s) to %s", user.id(), result.changed(), result.matched(), target.label());
        ObjectNode out = json.createObjectNode().put("matched", result.matched()).put("changed", result.changed());
        ArrayNode skipped = out.putArray("skipped");
        result.skipped().forEach(s -> skipped.addObject().put("reference", s.reference()).put("reason", s.reason()));
        return ok(out);
    }

    private CaseQuery query(Map<String, String> params, int limit) {
        Set<String> known = Set.of("status", "category", "channel", "from", "to", "area", "limit");
        params.keySet().stream().filter(k -> !known.contains(k)).findFirst()
                .ifPresent(k -> { throw new BadRequest("unknown filter \"" + k + "\"; use " + String.join(", ", known.stream().sorted().toList())); });
        Set<CaseStatus> statuses = Optional.ofNullable(params.get("status")).map(s -> Arrays.stream(s.split(","))
                .map(v -> enumValue(CaseStatus.class, v, "status")).collect(Collectors.toSet())).orElse(Set.of());
        if (limit < 1 || limit > Math.max(MAX_LIMIT, CaseWork.BULK_LIMIT)) {
            throw new BadRequest("limit must be between 1 and " + MAX_LIMIT);
        }
        return new CaseQuery(statuses,
                Optional.ofNullable(params.get("category")).map(v -> enumValue(Category.class, v, "category")),
                Optional.ofNullable(params.get("channel")).map(v -> enumValue(Channel.class, v, "channel")),
                Optional.ofNullable(params.get("from")).map(v -> date(v, "from")),
                Optional.ofNullable(params.get("to")).map(v -> v.length() == 10 ? date(v, "to").plus(java.time.Duration.ofDays(1)) : date(v, "to")),
                Optional.ofNullable(params.get("area")), limit);
    }

    private JsonNode body(HttpRequest request) {
        try {
            JsonNode body = json.readTree(request.body());
            if (body == null || !body.isObject()) {
                throw new BadRequest("the body must be a JSON object");
            }
            return body;
        } catch (IOException e) {
            throw new BadRequest("the body must be a JSON object");
        }
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new BadRequest("\"" + field + "\" is required");
        }
        return value.asText();
    }

    private static String note(JsonNode body, String field, boolean required) {
        String note = required ? required(body, field) : body.path(field).asText("");
        if (note.length() > MAX_NOTE) {
            throw new BadRequest("\"" + field + "\" is longer than " + MAX_NOTE + " characters");
        }
        return note;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("\"" + field + "\" must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    private static Instant date(String value, String field) {
        try {
            return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequest("\"" + field + "\" must be a date (2026-11-23) or an instant (2026-11-23T09:00:00Z)");
        }
    }

    private static int intValue(String value, String field) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequest("\"" + field + "\" must be a whole number");
        }
    }

    private static HttpResponse ok(JsonNode body) {
        return HttpResponse.json(200, body.toString());
    }

    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
