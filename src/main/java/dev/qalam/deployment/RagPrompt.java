package dev.qalam.deployment;

import dev.qalam.deployment.api.RagContext;
import dev.qalam.deployment.content.Attachment;
import dev.qalam.deployment.content.AttachmentPage;
import dev.qalam.llm.provider.ChatMessage;
import dev.qalam.llm.provider.ChatMessage.ContentPart;
import dev.qalam.llm.provider.ChatRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the model of a deployment is sent: one system message first (the deployment's system prompt, then the
 * retrieved passages and the attached documents' text, numbered), then the client's messages as they came,
 * its own system messages included, below the deployment's. Page images of attached documents follow the text of
 * the user message that attached them, for models that read images. The result is a typed {@link ChatRequest},
 * so every provider gets the same context in its own format.
 */
public final class RagPrompt {

    static final String DEFAULT_PROMPT = "You are a helpful assistant. Answer the user's questions using the "
            + "context below; when it does not contain the answer, say so rather than guess.";

    private RagPrompt() {
    }

    /** An attachment and the message that carried it. */
    public record Attached(int messageIndex, Attachment attachment) {
    }

    public static ChatRequest build(String systemPrompt, ChatRequest chat, List<RagContext> contexts,
                                    List<Attached> attached, boolean vision) {
        List<ChatMessage> out = new ArrayList<>(chat.messages().size() + 1);
        out.add(ChatMessage.system(system(systemPrompt, contexts, attached)));
        Map<Integer, List<Attached>> byMessage = attached.stream()
                .collect(Collectors.groupingBy(Attached::messageIndex));
        for (int i = 0; i < chat.messages().size(); i++) {
            ChatMessage m = chat.messages().get(i);
            List<Attached> here = byMessage.get(i);
            if (vision && here != null) {
                List<ContentPart> images = new ArrayList<>();
                for (Attached a : here) {
                    for (AttachmentPage p : a.attachment().pages()) {
                        p.image().ifPresent(png -> images.add(ContentPart.image(
                                "data:image/png;base64," + Base64.getEncoder().encodeToString(png))));
                    }
                }
                if (!images.isEmpty()) {
                    List<ContentPart> parts = new ArrayList<>(m.parts() != null ? m.parts()
                            : m.text() == null ? List.of() : List.of(ContentPart.text(m.text())));
                    parts.addAll(images);
                    m = new ChatMessage(m.role(), ChatMessage.joinText(parts), parts, m.name(), m.toolCalls(),
                            m.toolCallId());
                }
            }
            out.add(m);
        }
        return chat.withMessages(out);
    }

    static String system(String systemPrompt, List<RagContext> contexts, List<Attached> attached) {
        StringBuilder sb = new StringBuilder(systemPrompt == null || systemPrompt.isBlank() ? DEFAULT_PROMPT
                : systemPrompt.strip());
        if (!contexts.isEmpty()) {
            sb.append("\n\nContext from the knowledge base:");
            int n = 1;
            for (RagContext c : contexts) {
                sb.append("\n\n[").append(n++).append("] ").append(source(c.filename(), c.pages())).append('\n')
                        .append(c.text().strip());
            }
        }
        if (!attached.isEmpty()) {
            sb.append("\n\nDocuments attached by the user:");
            for (Attached a : attached) {
                for (AttachmentPage p : a.attachment().pages()) {
                    sb.append("\n\n[").append(p.name());
                    if (a.attachment().pageCount() > 1) {
                        sb.append(", page ").append(p.pageNumber());
                    }
                    sb.append("]\n").append(p.text().isBlank() ? "(no text on this page)" : p.text().strip());
                }
            }
        }
        return sb.toString();
    }

    private static String source(String filename, List<Integer> pages) {
        String name = filename == null ? "document" : filename;
        if (pages == null || pages.isEmpty()) {
            return name;
        }
        return name + (pages.size() == 1 ? ", page " + pages.get(0)
                : ", pages " + pages.get(0) + "-" + pages.get(pages.size() - 1));
    }
}
