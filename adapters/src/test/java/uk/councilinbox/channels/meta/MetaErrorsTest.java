package uk.councilinbox.channels.meta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.councilinbox.replies.SendOutcome;

/** Graph API error answers (DOMAIN.md's codes) mapped to retry, refuse, or refuse and alert an operator. */
class MetaErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "HTTP {0} code {1}")
    @CsvSource({"400, 4", "400, 613", "500, 2", "400, 130429", "400, 131056", "429, -1", "503, -1"})
    void rateLimitsAndPassingFaultsAreRetried(int status, int code) {
        assertInstanceOf(SendOutcome.RetryLater.class, MetaErrors.outcome(status, error(code, -1), JSON));
    }

    @ParameterizedTest(name = "code {0}/{1}")
    @CsvSource({"10, 2018278", "131047, -1", "551, -1", "131026, -1", "100, -1"})
    void refusalsForThisRecipientAreFinalButNeedNoOperator(int code, int subcode) {
        SendOutcome.Refused refused = assertInstanceOf(SendOutcome.Refused.class, MetaErrors.outcome(400, error(code, subcode), JSON));
        assertFalse(refused.operatorMustAct(), refused.reason());
    }

    @Test
    void anInvalidTokenIsRefusedAndCallsForAnOperator() {
        SendOutcome.Refused refused = assertInstanceOf(SendOutcome.Refused.class, MetaErrors.outcome(401, error(190, 463), JSON));
        assertTrue(refused.operatorMustAct());
        assertTrue(refused.reason().contains("code 190/463"), refused.reason());
    }

    @Test
    void outsideTheWindowIsNamedInTheReason() {
        SendOutcome.Refused refused = (SendOutcome.Refused) MetaErrors.outcome(400, error(10, 2018278), JSON);
        assertEquals("HTTP 400 code 10/2018278 (outside the messaging window)", refused.reason());
    }

    @Test
    void anUnreadableErrorBodyIsJudgedByItsStatus() {
        assertInstanceOf(SendOutcome.RetryLater.class, MetaErrors.outcome(502, "<html>Bad gateway</html>", JSON));
        assertInstanceOf(SendOutcome.Refused.class, MetaErrors.outcome(400, "", JSON));
    }

    private static String error(int code, int subcode) {
        return "{\"error\":{\"message\":\"(#" + code + ") error\",\"type\":\"OAuthException\",\"code\":" + code
                + (subcode > 0 ? ",\"error_subcode\":" + subcode : "") + ",\"fbtrace_id\":\"A1b2C3\"}}";
    }
}
