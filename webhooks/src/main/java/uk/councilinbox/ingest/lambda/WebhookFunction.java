package uk.councilinbox.ingest.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import uk.councilinbox.ingest.RawDelivery;
import uk.councilinbox.ingest.WebhookAnswer;
import uk.councilinbox.ingest.WebhookIntake;

/**
 * Lambda entry point for API Gateway's {@code GET} and {@code POST /webhooks/{platform}} (payload 2.0):
 * decodes the request, lets {@link WebhookIntake} decide, encodes the answer. A plain handler rather
 * than a JAX-RS resource: this is the path every resident's message takes, and an HTTP framework on it
 * tripled the CPU time per delivery (README, "Before and after").
 */
@Named("webhooks")
public class WebhookFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final String PATH_PREFIX = "/webhooks/";

    private final WebhookIntake intake;
    private final ObjectMapper json;

    public WebhookFunction(WebhookIntake intake, ObjectMapper json) {
        this.intake = intake;
        this.json = json;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String platform = platform(event.getRawPath());
        if (platform == null) {
            return answer(WebhookAnswer.Refused.NO_SUCH_WEBHOOK);
        }
        String method = Optional.ofNullable(event.getRequestContext()).map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod).orElse("");
        return switch (method) {
            case "GET" -> answer(intake.handshake(platform, orEmpty(event.getQueryStringParameters())));
            case "POST" -> deliver(platform, event);
            default -> withHeader(answer(new WebhookAnswer.Refused(405, "only GET and POST")), "allow", "GET, POST");
        };
    }

    /** The platform named by a plain {@code /webhooks/<name>}; null for anything else (an encoded or extra segment included). */
    static String platform(String rawPath) {
        if (rawPath == null || !rawPath.startsWith(PATH_PREFIX)) {
            return null;
        }
        String name = rawPath.substring(PATH_PREFIX.length());
        return !name.isEmpty() && name.chars().allMatch(c -> c >= 'a' && c <= 'z') ? name : null;
    }

    private APIGatewayV2HTTPResponse deliver(String platform, APIGatewayV2HTTPEvent event) {
        byte[] body;
        try {
            body = body(event);
        } catch (IllegalArgumentException e) {
            return answer(new WebhookAnswer.Refused(400, "body is not valid base64"));
        }
        return answer(intake.deliver(platform, new RawDelivery(orEmpty(event.getHeaders()), body)));
    }

    /** The exact bytes the platform signed: API Gateway passes a text body as text and anything else as base64. */
    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    private APIGatewayV2HTTPResponse answer(WebhookAnswer answer) {
        return switch (answer) {
            case WebhookAnswer.Challenge challenge -> response(200, challenge.contentType(), challenge.body());
            case WebhookAnswer.Accepted accepted -> response(200, "application/json", write(accepted));
            case WebhookAnswer.Refused refused -> response(refused.status(), "application/json", write(Map.of("error", refused.reason())));
        };
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of strings and numbers is always JSON", e);
        }
    }

    private static APIGatewayV2HTTPResponse response(int status, String contentType, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withIsBase64Encoded(false).withBody(body)
                .withHeaders(new java.util.HashMap<>(Map.of("content-type", contentType, "x-content-type-options", "nosniff"))).build();
    }

    private static APIGatewayV2HTTPResponse withHeader(APIGatewayV2HTTPResponse response, String name, String value) {
        response.getHeaders().put(name, value);
        return response;
    }

    private static Map<String, String> orEmpty(Map<String, String> values) {
        return values == null ? Map.of() : values;
    }
}
