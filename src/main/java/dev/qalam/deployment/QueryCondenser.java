package dev.qalam.deployment;

import dev.qalam.llm.CatalogModel;
import dev.qalam.llm.ModelRouter;
import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.Usage;
import dev.qalam.platform.errors.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Turns a conversation into the one standalone question that retrieval searches for (docs/deployment.md).
 *
 * <p>A single question is its own query. A follow-up ("Tell me more about its population.") is rewritten by the
 * deployment's model into a question that names what it refers to, when that model is a language model. The
 * in-process {@code local/extractive} is not one, so for it a deterministic rule applies: a follow-up that refers
 * back (a pronoun or demonstrative, "how about", a question of at most three words) is searched together with the
 * user's previous question. A model that fails to condense falls back to the same rule: the answer, not the
 * query, is where its failure is reported.
 */
@ApplicationScoped
public class QueryCondenser {

    private static final Logger LOG = Logger.getLogger(QueryCondenser.class.getName());
    static final int MAX_TRANSCRIPT_CHARS = 8000;
    static final int MAX_QUERY_CHARS = 1000;

    /** Words by which a follow-up refers to an earlier turn, English and Arabic. */
    private static final Set<String> REFERRING = Set.of("it", "its", "it's", "they", "them", "their", "theirs",
            "this", "that", "these", "those", "there", "he", "him", "his", "she", "her", "hers", "one", "ones",
            "former", "latter", "same", "above", "هو", "هي", "هم", "هن", "ذلك", "تلك", "هذا", "هذه", "هؤلاء", "هناك");
    private static final Pattern FOLLOW_UP_START = Pattern.compile(
            "^(and|also|what about|how about|and what about|why|why not|more|ماذا عن|وماذا عن|و)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{N}']+");

    static final String INSTRUCTION = "Rewrite the user's last message as one standalone search query for a "
            + "document search, in the language of that message. Resolve every pronoun and reference using the "
            + "conversation, keep names, numbers and dates, add nothing that the conversation does not say. "
            + "Answer with the query only: no explanation, no quotation marks.";

    @Inject
    ModelRouter router;

    /** A retrieval query and the tokens the model spent making it. */
    public record Condensed(String query, Usage usage, boolean byModel) {
    }

    public Condensed condense(ChatRequest chat, CatalogModel model) {
        List<ChatMessage> turns = turns(chat);
        String last = text(chat.lastUserMessage());
        if (turns.size() <= 1) {
            return new Condensed(limit(last), Usage.NONE, false);
        }
        if ("local".equals(model.provider())) {
            return new Condensed(limit(byRule(turns)), Usage.NONE, false);
        }
        try {
            ChatRequest ask = ChatRequest.of(chat.model(), List.of(ChatMessage.system(INSTRUCTION),
                    ChatMessage.user(transcript(turns)))).withTemperature(0.0).withMaxOutputTokens(200);
            ChatResult r = router.chat(ask).result();
            String q = r.choices().isEmpty() || r.choices().get(0).content() == null ? ""
                    : clean(r.choices().get(0).content());
            if (q.isEmpty()) {
                return new Condensed(limit(byRule(turns)), r.usage(), false);
            }
            return new Condensed(limit(q), r.usage(), true);
        } catch (ApiException e) {
            LOG.log(Level.FINE, "Condensing with " + model.id() + " failed; using the rule", e);
            return new Condensed(limit(byRule(turns)), Usage.NONE, false);
        }
    }

    /** The deterministic rule: the last question, preceded by the previous one when it refers back to it. */
    static String byRule(List<ChatMessage> turns) {
        List<String> users = new ArrayList<>();
        for (ChatMessage m : turns) {
            if ("user".equals(m.role()) && !text(m).isBlank()) {
                users.add(text(m).strip());
            }
        }
        if (users.isEmpty()) {
            return "";
        }
        String last = users.get(users.size() - 1);
        if (users.size() == 1 || !refersBack(last)) {
            return last;
        }
        return users.get(users.size() - 2) + " " + last;
    }

    static boolean refersBack(String question) {
        String q = question.strip().toLowerCase(Locale.ROOT);
        if (FOLLOW_UP_START.matcher(q).matches()) {
            return true;
        }
        var m = WORDS.matcher(q);
        int words = 0;
        boolean referring = false;
        while (m.find()) {
            words++;
            referring |= REFERRING.contains(m.group());
        }
        return referring || words <= 3;
    }

    /** User and assistant turns, in order (system and tool messages say nothing about what is asked). */
    private static List<ChatMessage> turns(ChatRequest chat) {
        List<ChatMessage> out = new ArrayList<>();
        for (ChatMessage m : chat.messages()) {
            if ("user".equals(m.role()) || "assistant".equals(m.role()) && m.hasText()) {
                out.add(m);
            }
        }
        return out;
    }

    /** The conversation as the condensing model reads it, the latest turns kept when it is long. */
    static String transcript(List<ChatMessage> turns) {
        List<String> lines = new ArrayList<>();
        int size = 0;
        for (int i = turns.size() - 1; i >= 0 && size < MAX_TRANSCRIPT_CHARS; i--) {
            String t = text(turns.get(i)).strip();
            if (t.length() > MAX_TRANSCRIPT_CHARS - size) {
                t = t.substring(0, Math.max(0, MAX_TRANSCRIPT_CHARS - size));
            }
            lines.add(0, (turns.get(i).role().equals("user") ? "User: " : "Assistant: ") + t);
            size += t.length();
        }
        return "Conversation:\n" + String.join("\n", lines) + "\n\nStandalone search query for the user's last "
                + "message:";
    }

    private static String text(ChatMessage m) {
        return m == null || m.text() == null ? "" : m.text();
    }

    private static String clean(String s) {
        String q = s.strip();
        if (q.regionMatches(true, 0, "query:", 0, 6)) {
            q = q.substring(6).strip();
        }
        if (q.length() >= 2 && (q.startsWith("\"") && q.endsWith("\"") || q.startsWith("'") && q.endsWith("'"))) {
            q = q.substring(1, q.length() - 1).strip();
        }
        int nl = q.indexOf('\n');
        return nl > 0 ? q.substring(0, nl).strip() : q;
    }

    private static String limit(String q) {
        return q.length() > MAX_QUERY_CHARS ? q.substring(0, MAX_QUERY_CHARS) : q;
    }
}
