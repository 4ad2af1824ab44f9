package uk.councilinbox.open311.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.councilinbox.cases.Reference;
import uk.councilinbox.open311.WorksApi;
import uk.councilinbox.open311.WorksRequest;
import uk.councilinbox.open311.WorksSystem;
import uk.councilinbox.open311.WorksUpdate;
import uk.councilinbox.settings.InboxConfig;
import uk.councilinbox.settings.WorksConfig;

/**
 * A works system's Open311 GeoReport v2 endpoint, in its JSON format: {@code POST requests.json} (form-encoded, with
 * {@code api_key}), {@code GET tokens/{token}.json}, and the changes from {@code GET servicerequestupdates.json} (the
 * extension FixMyStreet reads, {@code start_date}/{@code end_date}) or {@code GET requests.json?updated_after}. A 4xx
 * answer (but 408 and 429) is a refusal; 5xx, 408, 429 and no answer at all are an outage, retried. Short timeouts
 * ({@code works.*-timeout-ms}): a slow works system is retried through the queue. A report with photos carries a
 * {@code media_url} ({@link MediaLinks}) when {@code works.media-base-url} is set.
 */
@ApplicationScoped
public class Open311WorksApi implements WorksApi {

    private final HttpClient http;
    private final Duration readTimeout;
    private final Map<String, String> apiKeys;
    private final ObjectMapper json;
    private final MediaLinks mediaLinks;
    private final Optional<String> mediaBase;

    public Open311WorksApi(WorksConfig config, ObjectMapper json, MediaLinks mediaLinks) {
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.readTimeout = Duration.ofMillis(config.readTimeoutMs());
        // "unset": the value infra/put-secrets.sh stores for an optional key nobody gave.
        this.apiKeys = config.systems().entrySet().stream().filter(e -> InboxConfig.given(e.getValue().apiKey()).isPresent())
                .collect(Collectors.toMap(Map.Entry::getKey, e -> InboxConfig.given(e.getValue().apiKey()).orElseThrow()));
        this.json = json;
        this.mediaLinks = mediaLinks;
        this.mediaBase = config.mediaBaseUrl();
    }

    @Override
    public Submission submit(WorksSystem system, WorksRequest request) {
        Map<String, String> form = new LinkedHashMap<>(common(system));
        form.put("service_code", request.serviceCode());
        request.location().ifPresent(p -> {
            form.put("lat", Double.toString(p.latitude()));
            form.put("long", Double.toString(p.longitude()));
        });
        request.address().ifPresent(a -> form.put("address_string", a));
        form.put("description", request.description());
        if (request.withPhoto()) {
            mediaBase.ifPresent(base -> form.put("media_url", mediaLinks.url(base, new Reference(request.reference()))));
        }
        request.attributes().forEach((name, value) -> form.put("attribute[" + name + "]", value));
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(system, "requests.json", Map.of()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form))), system);
        if (refused(response.statusCode())) {
            return new Submission.Refused(response.statusCode(), errorOf(response.body()));
        }
        JsonNode first = first(read(response.body()));
        if (first.hasNonNull("service_request_id")) {
            return new Submission.Accepted(first.get("service_request_id").asText());
        }
        if (first.hasNonNull("token")) {
            return new Submission.Pending(first.get("token").asText());
        }
        throw new WorksUnavailableException(system.name() + " answered neither a service_request_id nor a token");
    }

    @Override
    public Optional<String> serviceRequestIdFor(WorksSystem system, String token) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(system, "tokens/" + encode(token) + ".json", common(system))).GET(), system);
        if (refused(response.statusCode())) {
            return Optional.empty();
        }
        JsonNode first = first(read(response.body()));
        return Optional.ofNullable(first.get("service_request_id")).filter(n -> !n.isNull()).map(JsonNode::asText);
    }

    @Override
    public List<WorksUpdate> changes(WorksSystem system, Instant from, Instant to) {
        Map<String, String> query = new LinkedHashMap<>(common(system));
        boolean updates = system.feed() == WorksSystem.Feed.SERVICE_REQUEST_UPDATES;
        if (updates) {
            query.put("start_date", from.toString());
            query.put("end_date", to.toString());
        } else {
            query.put("updated_after", from.toString());
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(system, updates ? "servicerequestupdates.json" : "requests.json",
                query)).GET(), system);
        if (response.statusCode() / 100 != 2) {
            throw new WorksUnavailableException(system.name() + " answered HTTP " + response.statusCode() + " to a fetch of its changes");
        }
        List<WorksUpdate> changes = new ArrayList<>();
        for (JsonNode entry : list(read(response.body()))) {
            Instant at = OffsetDateTime.parse(entry.get("updated_datetime").asText()).toInstant();
            if (!updates && !at.isBefore(to)) {
                continue;
            }
            String id = entry.get("service_request_id").asText();
            changes.add(new WorksUpdate(updates ? entry.get("update_id").asText() : id + "@" + at, id, entry.path("status").asText(""), at,
                    text(entry, updates ? "description" : "status_notes").orElse(""), text(entry, "external_status_code")));
        }
        return changes;
    }

    private Map<String, String> common(WorksSystem system) {
        Map<String, String> fields = new LinkedHashMap<>();
        Optional.ofNullable(apiKeys.get(system.name())).ifPresent(key -> fields.put("api_key", key));
        system.jurisdiction().ifPresent(j -> fields.put("jurisdiction_id", j));
        return fields;
    }

    private HttpResponse<String> send(HttpRequest.Builder request, WorksSystem system) {
        try {
            HttpResponse<String> response = http.send(request.timeout(readTimeout).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status / 100 == 5 || status == 408 || status == 429) {
                throw new WorksUnavailableException(system.name() + " answered HTTP " + status);
            }
            return response;
        } catch (IOException e) {
            throw new WorksUnavailableException(system.name() + " unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorksUnavailableException(system.name() + ": interrupted");
        }
    }

    private static boolean refused(int status) {
        return status / 100 == 4;
    }

    /** Open311's errors: {@code [{"code": 400, "description": "..."}]}. */
    private String errorOf(String body) {
        try {
            JsonNode first = first(json.readTree(body));
            return text(first, "description").orElse(body.strip());
        } catch (IOException | RuntimeException e) {
            return body.length() > 200 ? body.substring(0, 200) : body.strip();
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new WorksUnavailableException("unreadable answer from the works system");
        }
    }

    private static JsonNode first(JsonNode node) {
        return node.isArray() ? node.path(0) : node;
    }

    /** A top-level array, or one wrapped as the XML names it. */
    private static JsonNode list(JsonNode node) {
        if (node.isArray()) {
            return node;
        }
        for (String wrapper : List.of("service_requests_updates", "request_update", "service_requests", "request")) {
            if (node.has(wrapper)) {
                return list(node.get(wrapper));
            }
        }
        return node.isObject() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(node)
                : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }

    private static Optional<String> text(JsonNode node, String field) {
        return Optional.ofNullable(node.get(field)).filter(n -> !n.isNull()).map(JsonNode::asText).filter(t -> !t.isBlank());
    }

    private static URI uri(WorksSystem system, String path, Map<String, String> query) {
        String base = system.endpoint().endsWith("/") ? system.endpoint() : system.endpoint() + "/";
        return URI.create(base + path + (query.isEmpty() ? "" : "?" + encode(query)));
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
