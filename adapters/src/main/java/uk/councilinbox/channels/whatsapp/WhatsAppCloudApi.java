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
            // A phone number goes in "to", a business-scoped user id in "recipient": one of the two is set.
            String to,
            String recipient,
            String type,
            Text text,
            Template template,
            // Echoed back in this message's status webhooks: the case reference, so a failure names its case.
            @JsonProperty("biz_opaque_callback_data") String callbackData) {

        private static final java.util.regex.Pattern USER_ID = java.util.regex.Pattern.compile("[A-Z]{2}\\.[A-Za-z0-9.]{1,160}");

        static SendRequest text(String resident, String body, String callbackData) {
            return new SendRequest("whatsapp", "individual", phone(resident), userId(resident), "text", new Text(body), null, callbackData);
        }

        static SendRequest template(String resident, String name, String language, List<String> parameters, String callbackData) {
            List<Parameter> values = parameters.stream().map(p -> new Parameter("text", p)).toList();
            return new SendRequest("whatsapp", "individual", phone(resident), userId(resident), "template", null,
                    new Template(name, new Language(language), List.of(new Component("body", values))), callbackData);
        }

        /** A business-scoped user id: a two-letter country code, a dot, then letters, digits and dots ({@code GB.1502576394655843}). */
        static boolean isUserId(String resident) {
            return USER_ID.matcher(resident).matches();
        }

        private static String phone(String resident) {
            return isUserId(resident) ? null : resident;
        }

        private static String userId(String resident) {
            return isUserId(resident) ? resident : null;
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
