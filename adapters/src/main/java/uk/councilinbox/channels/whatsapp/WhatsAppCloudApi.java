package uk.councilinbox.channels.whatsapp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** WhatsApp Cloud API: {@code POST /{phone-number-id}/messages}, text or template. */
@Path("/{phoneNumberId}/messages")
public interface WhatsAppCloudApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    SendResponse send(@PathParam("phoneNumberId") String phoneNumberId, @HeaderParam("Authorization") String bearer,
            SendRequest request);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SendRequest(
            @JsonProperty("messaging_product") String messagingProduct,
            @JsonProperty("recipient_type") String recipientType,
            String to,
            String type,
            Text text,
            Template template,
            // Echoed back in this message's status webhooks: the case reference, so a failure names its case.
            @JsonProperty("biz_opaque_callback_data") String callbackData) {

        static SendRequest text(String to, String body, String callbackData) {
            return new SendRequest("whatsapp", "individual", to, "text", new Text(body), null, callbackData);
        }

        static SendRequest template(String to, String name, String language, List<String> parameters, String callbackData) {
            List<Parameter> values = parameters.stream().map(p -> new Parameter("text", p)).toList();
            return new SendRequest("whatsapp", "individual", to, "template", null,
                    new Template(name, new Language(language), List.of(new Component("body", values))), callbackData);
        }
    }

    record Text(String body) {}

    record Template(String name, Language language, List<Component> components) {}

    record Language(String code) {}

    record Component(String type, List<Parameter> parameters) {}

    record Parameter(String type, String text) {}

    record SendResponse(List<SentMessage> messages) {}

    record SentMessage(String id) {}
}
