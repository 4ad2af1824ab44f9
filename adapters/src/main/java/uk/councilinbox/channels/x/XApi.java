package uk.councilinbox.channels.x;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** X API v2: direct messages and replies to posts, with the council account's user-context token. */
@Path("/2")
public interface XApi {

    @POST
    @Path("/dm_conversations/with/{participantId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    DmResponse sendDirectMessage(@PathParam("participantId") String participantId, @HeaderParam("Authorization") String bearer,
            DmRequest request);

    @POST
    @Path("/tweets")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    PostResponse post(@HeaderParam("Authorization") String bearer, PostRequest request);

    record DmRequest(String text) {}

    record DmResponse(DmData data) {}

    record DmData(@JsonProperty("dm_conversation_id") String conversationId, @JsonProperty("dm_event_id") String eventId) {}

    record PostRequest(String text, Reply reply) {}

    record Reply(@JsonProperty("in_reply_to_tweet_id") String inReplyToTweetId) {}

    record PostResponse(PostData data) {}

    record PostData(String id, String text) {}
}
