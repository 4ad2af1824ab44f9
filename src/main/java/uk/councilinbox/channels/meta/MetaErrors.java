package uk.councilinbox.channels.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import uk.councilinbox.replies.SendOutcome;

/** Meta's error codes mapped to retry or refuse (DOMAIN.md, "Platform rules"). */
final class MetaErrors {

    private MetaErrors() {}

    static SendOutcome outcome(int httpStatus, String body, ObjectMapper json) {
        JsonNode error;
        try {
            error = json.readTree(body == null ? "{}" : body).path("error");
        } catch (Exception e) {
            error = json.createObjectNode();
        }
        int code = error.path("code").asInt(-1);
        int subcode = error.path("error_subcode").asInt(-1);
        String what = "HTTP " + httpStatus + " code " + code + (subcode > 0 ? "/" + subcode : "");
        if (code == 4 || code == 613 || code == 2 || code == 1 || httpStatus == 429 || httpStatus >= 500) {
            return new SendOutcome.RetryLater(what + " (rate limit or temporary)");
        }
        if (code == 10 && subcode == 2018278) {
            return new SendOutcome.Refused(what + " (outside the messaging window)");
        }
        if (code == 190) {
            return new SendOutcome.Refused(what + " (access token invalid: an operator must renew it)");
        }
        if (code == 551) {
            return new SendOutcome.Refused(what + " (person unavailable)");
        }
        return new SendOutcome.Refused(what);
    }
}
