package uk.councilinbox.channels.meta;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The Send API for Messenger (and private replies to Facebook comments) on graph.facebook.com, and
 * for Instagram on graph.instagram.com: the same request and response shapes.
 */
@Path("/me/messages")
public interface MetaGraphApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    SendResponse send(@HeaderParam("Authorization") String bearer, SendRequest request);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SendRequest(Recipient recipient, @JsonProperty("messaging_type") String messagingType, String tag, Message message) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Recipient(String id, @JsonProperty("comment_id") String commentId) {}

    record Message(String text) {}

    record SendResponse(@JsonProperty("recipient_id") String recipientId, @JsonProperty("message_id") String messageId) {}
}
