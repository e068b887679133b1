/**
 * The Deployment API (docs/deployment.md): a team's deployed LLM applications and their RAG chat completions.
 *
 * <p>{@link dev.qalam.deployment.DeploymentChatResource} is the endpoint; {@link
 * dev.qalam.deployment.DeploymentChatService} runs a request in the order that keeps refusals cheap: access
 * (403/404, counting against no limit), the rate limits ({@code ratelimit/}), the body ({@link
 * dev.qalam.deployment.DeploymentChatParser}, which hands the OpenAI part to the gateway's own parser), attached
 * documents ({@code content/}), the retrieval query ({@link dev.qalam.deployment.QueryCondenser} or
 * {@code rewrite_query}), retrieval ({@link dev.qalam.deployment.KnowledgeBase}, with {@code filter_metadata}),
 * then the model through {@link dev.qalam.llm.ModelRouter} with the typed request {@link
 * dev.qalam.deployment.RagPrompt} builds. Deployments themselves are managed by {@link
 * dev.qalam.deployment.DeploymentsResource} and {@link dev.qalam.deployment.DeploymentService}; wire records are in
 * {@code api/}.
 */
package dev.qalam.deployment;
