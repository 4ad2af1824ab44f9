package uk.councilinbox.cases;

import java.util.Optional;

/**
 * A team that fixes one kind of reported problem: the council's Open311 service code (DOMAIN.md), or a
 * body other than this council where it is theirs to deal with (two-tier areas: bins go to the district).
 *
 * @param problem the problem in a sentence's words: "thank you for reporting this {problem}"
 * @param team who deals with it, for the acknowledgement: "our {team} team"
 * @param elsewhere the body responsible when this council does not deal with it
 */
public record Service(String code, Category category, String name, String problem, String team, String group, String description,
        String keywords, Optional<Elsewhere> elsewhere) {

    /** Another body that deals with this, and where the resident reports it to them. */
    public record Elsewhere(String body, String link) {}

    public Service {
        if (!category.isReport()) {
            throw new IllegalArgumentException("service " + code + ": only reports go to a service, not " + category.label());
        }
    }

    public boolean handledHere() {
        return elsewhere.isEmpty();
    }
}
