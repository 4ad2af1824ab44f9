package uk.councilinbox.staff;

import java.util.List;
import java.util.Map;
import uk.councilinbox.cases.Case;
import uk.councilinbox.replies.ReplyTemplates;

/**
 * Snippets staff start an answer from, kept with the reply templates in {@code replies/saved-replies.properties}
 * (a title and a text per snippet), filled in for one case and the agent writing.
 */
public final class SavedReplies {

    static final String RESOURCE = "/replies/saved-replies.properties";
    static final String NO_PLACE = "the location you gave us";

    /** One snippet, its placeholders filled for a case. */
    public record SavedReply(String id, String title, String text) {}

    private final ReplyTemplates texts;
    private final List<String> ids;

    public SavedReplies() {
        this(new ReplyTemplates(RESOURCE));
    }

    SavedReplies(ReplyTemplates texts) {
        this.texts = texts;
        this.ids = texts.keys().stream().filter(k -> k.endsWith(".title")).map(k -> k.substring(0, k.length() - ".title".length())).toList();
        for (String id : ids) {
            if (!texts.has(id + ".text")) {
                throw new IllegalStateException("saved reply " + id + " has a title and no text");
            }
        }
    }

    /** Every saved reply, in the order of their ids, ready for {@code agent} to send on {@code c}. */
    public List<SavedReply> forCase(Case c, StaffUser agent) {
        Map<String, String> values = Map.of("reference", c.reference().value(), "place", c.place().orElse(NO_PLACE),
                "agent_first_name", agent.firstName());
        return ids.stream().map(id -> new SavedReply(id, texts.render(id + ".title", Map.of()), texts.render(id + ".text", values))).toList();
    }
}
