package dev.qalam.deployment;

import dev.qalam.deployment.content.UrlPart;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.search.filter.MetadataFilter;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment API chat request, validated and typed: the chat request as the model will get it before Qalam adds
 * the deployment's prompt and context, plus the RAG additions.
 *
 * @param chat          the conversation (model already the deployment's; {@code url} parts taken out)
 * @param attachments   the {@code url} parts, with the message each was in
 * @param rewriteQuery  the client's retrieval query, replacing the condensed conversation
 * @param filter        {@code filter_metadata}, parsed
 * @param hasImages     whether the client sent image parts (only vision models take them)
 */
public record DeploymentChatRequest(ChatRequest chat, List<Attachment> attachments, Optional<String> rewriteQuery,
                                    Optional<MetadataFilter> filter, boolean hasImages) {

    public DeploymentChatRequest {
        attachments = List.copyOf(attachments);
    }

    /** A {@code url} part of message {@code messageIndex} (an index into {@code chat.messages()}). */
    public record Attachment(int messageIndex, String path, UrlPart part) {
    }

    public boolean stream() {
        return chat.stream();
    }

    public boolean includeUsage() {
        return chat.includeUsage();
    }
}
