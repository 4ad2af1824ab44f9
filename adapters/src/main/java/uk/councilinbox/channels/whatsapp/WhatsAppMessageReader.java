package uk.councilinbox.channels.whatsapp;

import static uk.councilinbox.channels.JsonPayloads.instant;
import static uk.councilinbox.channels.JsonPayloads.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import uk.councilinbox.channels.JsonPayloads;
import uk.councilinbox.messages.Attachment;
import uk.councilinbox.messages.Channel;
import uk.councilinbox.messages.GeoPoint;
import uk.councilinbox.messages.InboundMessage;
import uk.councilinbox.messages.Visibility;

/**
 * One item of a WhatsApp {@code messages} array as a resident's message, or as the notice that a resident's
 * id changed ({@code system}). What the resident did not write (reactions, edits and revokes, orders, the
 * welcome request when a chat opens, unsupported kinds) is empty: the webhook counts it.
 */
final class WhatsAppMessageReader {

    /** What a shared contact card becomes: the card's names and numbers are a third party's personal data and are not kept. */
    static final String CONTACT_CARD_SHARED = "[The resident shared a contact card. Its names and numbers are not kept.]";

    /** Message types that carry one media object under their own name, and what kind of attachment it is. */
    private static final Map<String, Attachment.Kind> MEDIA_KINDS = Map.of(
            "image", Attachment.Kind.IMAGE, "sticker", Attachment.Kind.OTHER, "video", Attachment.Kind.VIDEO,
            "document", Attachment.Kind.FILE, "audio", Attachment.Kind.OTHER);

    private final ObjectMapper json;

    WhatsAppMessageReader(ObjectMapper json) {
        this.json = json;
    }

    Optional<InboundMessage> read(JsonNode message, Instant receivedAt) {
        Optional<String> id = text(message, "id");
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Instant sentAt = instant(message, "timestamp", receivedAt);
        String type = message.path("type").asText("");
        if (type.equals("system")) {
            return idChange(id.get(), message, sentAt);
        }
        // The business-scoped user id first: it stays the same when the resident adopts a username, and then
        // "from" (the phone number) may be empty or missing. Older deliveries carry the phone number only.
        Optional<String> phone = text(message, "from");
        Optional<String> userId = text(message, "from_user_id");
        Optional<String> from = userId.or(() -> phone);
        if (from.isEmpty()) {
            return Optional.empty();
        }
        // With both, the phone number is the key a resident first seen before user ids came has their cases under.
        List<String> previous = userId.isPresent() ? phone.stream().toList() : List.of();
        List<Attachment> attachments = new ArrayList<>();
        Optional<GeoPoint> location = Optional.empty();
        String body;
        switch (type) {
            case "text" -> body = message.path("text").path("body").asText("");
            case "location" -> {
                JsonNode pin = message.path("location");
                location = JsonPayloads.geoPoint(pin, "latitude", "longitude");
                // The pin's name and address are the resident's own words for the place.
                body = String.join(", ", Stream.of(text(pin, "name"), text(pin, "address")).flatMap(Optional::stream).toList());
            }
            case "image", "video", "document", "audio", "sticker" -> {
                // A photo or video of the problem, a document or a voice note: the media and its caption.
                JsonNode media = message.path(type);
                text(media, "id").ifPresent(mediaId -> attachments.add(new Attachment(MEDIA_KINDS.get(type), "whatsapp-media:" + mediaId)));
                body = media.path("caption").asText("");
            }
            case "contacts" -> body = CONTACT_CARD_SHARED;
            case "button" -> body = message.path("button").path("text").asText("");
            case "interactive" -> body = interactive(message.path("interactive"));
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new InboundMessage(Channel.WHATSAPP, id.get(), from.get(), Visibility.PRIVATE, body, attachments, location,
                sentAt, Optional.empty(), previous, InboundMessage.Kind.RESIDENT_WROTE));
    }

    /**
     * {@code user_changed_user_id} (a new business-scoped user id, no phone number) and {@code user_changed_number}
     * (a new number, {@code system.wa_id}, which also gives a new user id): the new id is {@code system.user_id}
     * when given, else the new number; the old ones are {@code system.previous_user_id} and the message's sender fields.
     */
    private static Optional<InboundMessage> idChange(String id, JsonNode message, Instant at) {
        JsonNode system = message.path("system");
        String kind = system.path("type").asText("");
        Optional<String> newId = switch (kind) {
            case "user_changed_user_id" -> text(system, "user_id");
            case "user_changed_number" -> text(system, "user_id").or(() -> text(system, "wa_id"));
            default -> Optional.empty();
        };
        List<String> previous = Stream.of(text(system, "previous_user_id"), text(message, "from_user_id"), text(message, "from"))
                .flatMap(Optional::stream).filter(p -> newId.isPresent() && !p.equals(newId.get())).distinct().toList();
        if (newId.isEmpty() || previous.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(InboundMessage.residentIdChanged(Channel.WHATSAPP, id, newId.get(), previous, at));
    }

    /** A reply button's or list row's title, or what the resident filled in on a WhatsApp Flow form. */
    private String interactive(JsonNode reply) {
        return switch (reply.path("type").asText("")) {
            case "button_reply" -> reply.path("button_reply").path("title").asText("");
            case "list_reply" -> reply.path("list_reply").path("title").asText("");
            case "nfm_reply" -> flowAnswers(reply.path("nfm_reply"));
            default -> reply.path("button_reply").path("title").asText(reply.path("list_reply").path("title").asText(""));
        };
    }

    /** The form's answers ({@code response_json}, a JSON string) in the order given, without the flow token. */
    private String flowAnswers(JsonNode nfm) {
        try {
            JsonNode answers = json.readTree(nfm.path("response_json").asText("{}"));
            List<String> values = new ArrayList<>();
            answers.properties().forEach(e -> {
                if (!e.getKey().equals("flow_token") && e.getValue().isValueNode() && !e.getValue().asText().isBlank()) {
                    values.add(e.getValue().asText());
                }
            });
            return values.isEmpty() ? nfm.path("body").asText("") : String.join("; ", values);
        } catch (IOException e) {
            return nfm.path("body").asText("");
        }
    }
}
