package uk.councilinbox.http;

import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * {@code GET} and {@code POST /webhooks/{platform}} in the OpenAPI document. API Gateway routes them to the
 * webhook function (the {@code webhooks} module: a plain Lambda handler, no JAX-RS resource for
 * SmallRye OpenAPI to read), so this reader adds them to what is generated from this function's resources.
 */
public class WebhookRoutes implements OASModelReader {

    private static final String ERROR = "#/components/schemas/Error";

    @Override
    public OpenAPI buildModel() {
        Parameter platform = OASFactory.createParameter().name("platform").in(Parameter.In.PATH).required(true)
                .description("meta, whatsapp or x").schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .enumeration(List.of("meta", "whatsapp", "x")));
        Operation handshake = OASFactory.createOperation().operationId("handshake").addTag("Webhooks").summary("Subscription handshake")
                .description("Meta (Messenger, Instagram, Facebook pages, WhatsApp): echoes hub.challenge when hub.verify_token is ours. "
                        + "X: answers crc_token with its HMAC-SHA256, keyed with the consumer secret.")
                .addParameter(platform)
                .responses(responses(Map.of("200", "The challenge answered (text for Meta, JSON for X)",
                        "403", "Not a subscription request, or the verify token does not match", "404", "No such platform")));
        Operation deliver = OASFactory.createOperation().operationId("deliver").addTag("Webhooks")
                .summary("A platform's webhook delivery, exactly as the platform sends it")
                .description("Signed with X-Hub-Signature-256 (Meta, WhatsApp) or x-twitter-webhooks-signature (X) over the raw body. "
                        + "Answered 200 only once every resident message in it is on the inbound queue.")
                .addParameter(platform)
                .requestBody(OASFactory.createRequestBody().required(true).description("The platform's JSON, byte for byte as signed")
                        .content(json(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT))))
                .responses(responses(Map.of("400", "Not the platform's JSON", "401", "Signature missing",
                        "403", "Signature does not match the body", "404", "No such platform",
                        "413", "Body over the limit (inbox.webhook.max-body-bytes, 256 KiB)",
                        "503", "The queue did not take the messages; the platform retries")));
        deliver.getResponses().addAPIResponse("200", OASFactory.createAPIResponse().description("Accepted, or harmlessly ignored")
                .content(json(OASFactory.createSchema().ref("#/components/schemas/DeliveryAccepted"))));
        return OASFactory.createOpenAPI()
                .addTag(OASFactory.createTag().name("Webhooks").description("What the platforms send: subscription handshakes and signed deliveries."))
                .paths(OASFactory.createPaths().addPathItem("/webhooks/{platform}", OASFactory.createPathItem().GET(handshake).POST(deliver)))
                .components(OASFactory.createComponents().addSchema("DeliveryAccepted", OASFactory.createSchema()
                        .addType(Schema.SchemaType.OBJECT).example(Map.of("accepted", 1, "ignored", 0))
                        .addProperty("accepted", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                                .description("residents' messages now on the inbound queue"))
                        .addProperty("ignored", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                                .description("events that are not residents' messages (echoes, read receipts, statuses)"))));
    }

    /** Error answers, each {@code {"error": ...}}. */
    private static APIResponses responses(Map<String, String> errors) {
        APIResponses responses = OASFactory.createAPIResponses();
        new java.util.TreeMap<>(errors).forEach((status, description) -> responses.addAPIResponse(status,
                OASFactory.createAPIResponse().description(description)
                        .content(status.equals("200") ? null : json(OASFactory.createSchema().ref(ERROR)))));
        return responses;
    }

    private static Content json(Schema schema) {
        return OASFactory.createContent().addMediaType("application/json", OASFactory.createMediaType().schema(schema));
    }
}
