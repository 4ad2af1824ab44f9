package uk.councilinbox.channels.meta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Set;
import uk.councilinbox.replies.SendOutcome;

/**
 * Graph API errors (Messenger, Instagram, WhatsApp share the envelope) mapped to retry or refuse
 * (DOMAIN.md, "Platform rules"; docs/platforms.md lists the codes).
 */
public final class MetaErrors {

    /** Rate limits and passing faults: 1 unknown, 2 temporary, 4 app and 613 call limits, 80007 and 130429/131056 WhatsApp throughput. */
    private static final Set<Integer> RETRYABLE = Set.of(1, 2, 4, 17, 32, 613, 80007, 130429, 131000, 131048, 131056);

    private MetaErrors() {}

    /** The outcome of a call that failed in the client: an HTTP error answer, or no answer at all. */
    public static SendOutcome outcome(RuntimeException failure, ObjectMapper json) {
        if (failure instanceof WebApplicationException e) {
            return outcome(e.getResponse().getStatus(), e.getResponse().readEntity(String.class), json);
        }
        if (failure instanceof ProcessingException) {
            return new SendOutcome.RetryLater("Graph API unreachable: " + failure.getClass().getSimpleName());
        }
        throw failure;
    }

    static SendOutcome outcome(int httpStatus, String body, ObjectMapper json) {
        JsonNode error;
        try {
            error = json.readTree(body == null || body.isBlank() ? "{}" : body).path("error");
        } catch (Exception e) {
            error = json.createObjectNode();
        }
        int code = error.path("code").asInt(-1);
        int subcode = error.path("error_subcode").asInt(-1);
        String what = "HTTP " + httpStatus + " code " + code + (subcode > 0 ? "/" + subcode : "");
        if (RETRYABLE.contains(code) || httpStatus == 429 || httpStatus >= 500) {
            return new SendOutcome.RetryLater(what + " (rate limit or temporary)");
        }
        if ((code == 10 && subcode == 2018278) || code == 131047) {
            return new SendOutcome.Refused(what + " (outside the messaging window)");
        }
        if (code == 190) {
            return SendOutcome.Refused.credentials(what + " (access token invalid: an operator must renew it)");
        }
        if (code == 551 || code == 131026) {
            return new SendOutcome.Refused(what + " (person unavailable or message undeliverable)");
        }
        return new SendOutcome.Refused(what);
    }
}
