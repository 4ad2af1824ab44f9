package uk.councilinbox.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import uk.councilinbox.staff.StaffActionException;

/**
 * Turns every failure into a short JSON answer, {@code {"error": ...}} (the Open311 resource answers
 * its own errors in Open311's shape). Never a stack trace, never the request body.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    private static final String UNREADABLE = "the body must be a JSON object with the fields this operation documents";

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e) {
        return ErrorBody.response(400, e.getMessage());
    }

    @ServerExceptionMapper
    public Response staffAction(StaffActionException e) {
        return ErrorBody.response(switch (e.reason()) {
            case NOT_FOUND -> 404;
            case NOT_ALLOWED -> 403;
            case CONFLICT -> 409;
        }, e.getMessage());
    }

    /** Bean Validation on a request body: the first broken rule, named by its field. */
    @ServerExceptionMapper
    public Response violation(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
                .map(ErrorMappers::describe).findFirst().orElse("the request is not valid");
        return ErrorBody.response(400, message);
    }

    /** A body that is not JSON, or JSON of the wrong shape (an array where an object belongs, text for a list). */
    @ServerExceptionMapper
    public Response unreadable(JacksonException e) {
        return ErrorBody.response(400, UNREADABLE);
    }

    /** Named apart because Quarkus REST has its own, body-less mapper for exactly this type. */
    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getResponse().hasEntity() && status != 400 && status != 404 && status != 405) {
            return e.getResponse();
        }
        return ErrorBody.response(status, switch (status) {
            // Quarkus REST's own 400s come from reading the body: not JSON, or JSON of the wrong shape.
            case 400 -> UNREADABLE;
            case 404 -> "no such endpoint";
            case 405 -> "method not allowed here";
            case 406 -> "this endpoint answers in JSON";
            case 415 -> "send the body as application/json";
            default -> "the request cannot be served (" + status + ")";
        });
    }

    /** Anything else is our fault: log its type and place (never its message, which may quote personal data). */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e.getCause() instanceof JacksonException cause) {
            return unreadable(cause);
        }
        LOG.errorf("Unhandled %s on %s at %s", e.getClass().getSimpleName(), uri.getPath(),
                e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
        return ErrorBody.response(500, "internal error");
    }

    private static String describe(ConstraintViolation<?> violation) {
        String field = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
                field = node.getName();
            }
        }
        return field == null ? violation.getMessage() : "\"" + field + "\" " + violation.getMessage();
    }
}
