package dev.qalam.llm.provider.local;

import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.llm.provider.ChatProvider;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.ChatStream;
import dev.qalam.llm.provider.ChatStreamSink;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.ProviderTarget;
import dev.qalam.llm.provider.Usage;
import dev.qalam.text.Language;
import dev.qalam.text.PassageRanker;
import dev.qalam.text.PassageRanker.Passage;
import dev.qalam.text.PassageRanker.Scored;
import jakarta.enterprise.context.Dependent;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code local/extractive}: quotes the context passages that match the last user message. */
@Dependent
public class ExtractiveProvider extends ChatProvider {

    public static final String MODEL_ID = "local/extractive";
    static final int MAX_PASSAGES = 3;
    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final Pattern LINES = Pattern.compile("(?<=\\n)");

    private final PassageRanker ranker = new PassageRanker();

    /** The answer's text for a request: what both the whole and the streamed answer contain. */
    public String answer(ChatRequest request) {
        ChatMessage last = request.lastUserMessage();
        String question = "";
        List<Passage> passages = new ArrayList<>();
        int order = 0;
        for (ChatMessage m : request.messages()) {
            if (m == last) {
                if (m.parts() == null) {
                    question = m.text() == null ? "" : m.text();
                } else {
                    boolean first = true;
                    for (ChatMessage.ContentPart p : m.parts()) {
                        if (!p.isText() || p.text() == null) {
                            continue;
                        }
                        if (first) {
                            question = p.text();
                            first = false;
                        } else {
                            for (String s : PassageRanker.split(p.text())) {
                                passages.add(new Passage(s, "attached", order++));
                            }
                        }
                    }
                }
                continue;
            }
            if (m.hasText()) {
                for (String s : PassageRanker.split(m.text())) {
                    passages.add(new Passage(s, m.role(), order++));
                }
            }
        }
        boolean arabic = Language.of(question) == Language.ARABIC;
        if (passages.isEmpty()) {
            return arabic
                    ? "لا يوجد سياق في هذه المحادثة لأقتبس منه. النموذج local/extractive ليس نموذجاً لغوياً: "
                    + "إنه يقتبس فقط من السياق المعطى (رسالة النظام أو الرسائل السابقة أو النصوص المرفقة)."
                    : "There is no context in this conversation to quote from. local/extractive is not a language "
                    + "model: it only quotes passages of the given context (a system message, earlier messages "
                    + "or attached text).";
        }
        List<Scored> ranked = ranker.rank(question, passages);
        if (ranked.isEmpty()) {
            return arabic
                    ? "لم أجد في السياق المعطى شيئاً ذا صلة بهذا السؤال."
                    : "I found nothing relevant to this question in the given context.";
        }
        StringBuilder sb = new StringBuilder(arabic ? "من السياق المعطى:\n" : "From the given context:\n");
        for (Scored s : ranked.subList(0, Math.min(MAX_PASSAGES, ranked.size()))) {
            sb.append('\n');
            for (String line : s.passage().text().split("\\R")) {
                sb.append("> ").append(line.strip()).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }

    @Override
    protected ChatResult doChat(ProviderTarget target, ChatRequest request) {
        String answer = answer(request);
        List<ChatResult.Choice> choices = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            choices.add(new ChatResult.Choice(i, answer, null, "stop"));
        }
        return new ChatResult(choices, usage(request, answer));
    }

    @Override
    protected ChatStream doOpenStream(ProviderTarget target, ChatRequest request) {
        return new ChatStream() {
            private volatile boolean cancelled;

            @Override
            public void pump(ChatStreamSink sink) {
                String answer = answer(request);
                for (int i = 0; i < request.n(); i++) {
                    sink.delta(new ChunkDelta(i, "assistant", "", null, null));
                }
                for (String piece : LINES.split(answer)) {
                    for (int i = 0; i < request.n(); i++) {
                        if (cancelled || sink.cancelled()) {
                            return;
                        }
                        sink.delta(ChunkDelta.content(i, piece));
                    }
                }
                for (int i = 0; i < request.n(); i++) {
                    sink.delta(ChunkDelta.finish(i, "stop"));
                }
                sink.usage(usage(request, answer));
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        };
    }

    private static Usage usage(ChatRequest request, String answer) {
        int prompt = 0;
        for (ChatMessage m : request.messages()) {
            prompt += words(m.text()) + 4;
        }
        return new Usage(prompt, words(answer) * request.n());
    }

    /** A rough token count (words); this model has no tokenizer of its own. */
    static int words(String s) {
        if (s == null) {
            return 0;
        }
        int n = 0;
        Matcher m = WORD.matcher(s);
        while (m.find()) {
            n++;
        }
        return n;
    }
}
