package uk.councilinbox.staff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import uk.councilinbox.cases.Case;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseEvent;

/** Cases as the staff API shows them. */
final class CaseJson {

    private final ObjectMapper json;

    CaseJson(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode summary(Case c) {
        ObjectNode node = json.createObjectNode()
                .put("reference", c.reference().value())
                .put("status", c.status().label())
                .put("category", c.category().label())
                .put("confidence", c.confidence())
                .put("channel", c.channel().label())
                .put("visibility", c.visibility().name().toLowerCase(java.util.Locale.ROOT))
                .put("residentId", c.residentId())
                .put("photos", c.photos())
                .put("createdAt", c.createdAt().toString())
                .put("updatedAt", c.updatedAt().toString())
                .put("lastResidentMessageAt", c.lastResidentMessageAt().toString())
                .put("version", c.version());
        node.put("place", c.place().orElse(null));
        c.pin().ifPresent(p -> node.putObject("pin").put("lat", p.latitude()).put("lon", p.longitude()));
        return node;
    }

    ObjectNode detail(CaseDetail detail) {
        ObjectNode node = summary(detail.c());
        ArrayNode messages = node.putArray("messages");
        for (CaseDetail.Message m : detail.messages()) {
            ObjectNode message = messages.addObject().put("sentAt", m.sentAt().toString()).put("text", m.text()).put("photos", m.photos());
            m.pin().ifPresent(p -> message.putObject("pin").put("lat", p.latitude()).put("lon", p.longitude()));
        }
        ArrayNode history = node.putArray("history");
        for (CaseEvent e : detail.history()) {
            history.addObject().put("at", e.at().toString()).put("actor", e.actor()).put("type", e.type()).put("detail", e.detail());
        }
        return node;
    }
}
