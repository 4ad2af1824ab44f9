package uk.councilinbox.channels.whatsapp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** WhatsApp Cloud API: {@code GET /{media-id}} gives a short-lived URL to download a received photo or video with the same token. */
@Path("/{mediaId}")
public interface WhatsAppMediaApi {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    MediaUrl lookUp(@PathParam("mediaId") String mediaId, @HeaderParam("Authorization") String bearer);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record MediaUrl(String url, @JsonProperty("mime_type") String mimeType, @JsonProperty("file_size") Long fileSize, String id) {}
}
