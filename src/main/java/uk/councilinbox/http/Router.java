package uk.councilinbox.http;

import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/** Sends each request to the route that owns its path; turns any escaped failure into a bare 500. */
@ApplicationScoped
public class Router {

    private static final Logger LOG = Logger.getLogger(Router.class);

    private final List<HttpRoute> routes;

    public Router(@All List<HttpRoute> routes) {
        this.routes = routes;
    }

    public HttpResponse route(HttpRequest request) {
        for (HttpRoute route : routes) {
            if (route.owns(request.path())) {
                try {
                    return route.handle(request);
                } catch (RuntimeException e) {
                    // The request body may hold personal data: log the failure's type and place only.
                    LOG.errorf("Unhandled %s on %s %s at %s", e.getClass().getSimpleName(), request.method(),
                            request.path(), e.getStackTrace().length > 0 ? e.getStackTrace()[0] : "?");
                    return HttpResponse.error(500, "internal error");
                }
            }
        }
        return HttpResponse.error(404, "no such endpoint");
    }
}
