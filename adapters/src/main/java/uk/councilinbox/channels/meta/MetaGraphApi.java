package uk.councilinbox.channels.meta;

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

/**
 * The Send API, {@code POST /{account-id}/messages}: for Messenger, private replies to Facebook comments and
 * Instagram under Facebook Login on graph.facebook.com with the Page id; for Instagram under Instagram Login
 * on graph.instagram.com with the Instagram account id. The same request and response shapes.
 */
@Path("/{accountId}/messages")
public interface MetaGraphApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    SendResponse send(@PathParam("accountId") String accountId, @HeaderParam("Authorization") String bearer, SendRequest request);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SendRequest(Recipient recipient, @JsonProperty("messaging_type") String messagingType, String tag, Message message) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Recipient(String id, @JsonProperty("comment_id") String commentId) {}

    /** A text, or a utility message template (then no text). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Message(String text, Template template) {
        static Message text(String text) {
            return new Message(text, null);
        }

        /** A utility template whose body placeholders take {@code parameters} in order. */
        static Message template(String name, String language, List<String> parameters) {
            List<Parameter> values = parameters.stream().map(p -> new Parameter("text", p)).toList();
            return new Message(null, new Template(name, new Language(language), List.of(new Component("body", values))));
        }
    }

    record Template(String name, Language language, List<Component> components) {}

    record Language(String code) {}

    record Component(String type, List<Parameter> parameters) {}

    record Parameter(String type, String text) {}

    record SendResponse(@JsonProperty("recipient_id") String recipientId, @JsonProperty("message_id") String messageId) {}
}
