package uk.councilinbox.answers;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.councilinbox.cases.CaseDetail;
import uk.councilinbox.cases.CaseStore;
import uk.councilinbox.cases.Reference;

/** The council answers an agent is offered for a case, matched against everything the resident wrote on it. */
public final class CaseSuggestions {

    /** How many answers the agent sees. */
    public static final int SHOWN = 3;

    private final CaseStore cases;
    private final AnswerSuggestions suggestions;

    public CaseSuggestions(CaseStore cases, AnswerSuggestions suggestions) {
        this.cases = cases;
        this.suggestions = suggestions;
    }

    /** Empty when there is no such case; an empty list when the resident's words are erased or there are none. */
    public Optional<List<Suggestion>> forCase(Reference reference) {
        return cases.detail(reference).map(this::suggestionsFor);
    }

    private List<Suggestion> suggestionsFor(CaseDetail detail) {
        if (detail.c().residentErased()) {
            return List.of();
        }
        String text = detail.messages().stream().map(CaseDetail.Message::text).filter(t -> !t.isBlank())
                .collect(Collectors.joining("\n"));
        return text.isBlank() ? List.of() : suggestions.suggest(text, SHOWN);
    }
}
