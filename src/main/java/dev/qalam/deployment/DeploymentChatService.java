package dev.qalam.deployment;

import dev.qalam.deployment.api.DeploymentChunk;
import dev.qalam.deployment.api.DeploymentCompletion;
import dev.qalam.deployment.api.DeploymentUsage;
import dev.qalam.deployment.api.RagContext;
import dev.qalam.deployment.content.UrlContentService;
import dev.qalam.deployment.ratelimit.DeploymentRateLimits;
import dev.qalam.deployment.ratelimit.TeamQuota;
import dev.qalam.llm.CatalogModel;
import dev.qalam.llm.MeteredStream;
import dev.qalam.llm.ModelRouter;
import dev.qalam.llm.SsePump;
import dev.qalam.llm.UsageLedger;
import dev.qalam.llm.api.ChatCompletion;
import dev.qalam.llm.api.ChatCompletionChunk;
import dev.qalam.llm.provider.ChatRequest;
import dev.qalam.llm.provider.ChatResult;
import dev.qalam.llm.provider.ChatStream;
import dev.qalam.llm.provider.ChunkDelta;
import dev.qalam.llm.provider.Usage;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.auth.Team;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.json.JsonbProvider;
import dev.qalam.platform.persistence.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Deployment API's chat completion (docs/deployment.md), in the order that keeps refusals cheap: the caller's
 * team (403) and the deployment (404), then the rate limits (429; nothing before them counts), then the body
 * (400), the model (vision for images), the attached documents, the retrieval query (condensed or
 * {@code rewrite_query}), retrieval with {@code filter_metadata}, and last the model, through the router with a
 * typed request that carries the deployment's prompt and the context.
 */
@ApplicationScoped
public class DeploymentChatService {

    private static final Logger LOG = Logger.getLogger(DeploymentChatService.class.getName());
    static final String ENDPOINT = "deployment.chat";

    @Inject
    DeploymentService deployments;

    @Inject
    DeploymentRateLimits rateLimits;

    @Inject
    UrlContentService content;

    @Inject
    QueryCondenser condenser;

    @Inject
    KnowledgeBase knowledgeBase;

    @Inject
    ModelRouter router;

    @Inject
    UsageLedger ledger;

    @Inject
    DeploymentRequestLog requestLog;

    /** Where a request comes from, as its query parameters say. */
    public record Origin(String source, String sourceId) {
    }

    /** Everything decided before the model is called. */
    public record Prepared(QalamPrincipal caller, Deployment deployment, Origin origin, DeploymentChatRequest request,
                           ModelRouter.ChatRoute route, ChatRequest prompt, List<RagContext> contexts,
                           String retrievalQuery, Usage condensing, int embeddingTokens, long startNanos) {
    }

    public Prepared prepare(QalamPrincipal caller, HttpServletRequest http, String teamId, String deploymentId,
                            String body, Origin origin) {
        long start = System.nanoTime();
        Deployment d = deployments.find(caller, teamId, deploymentId);
        Team team = deployments.teamRecord(teamId)
                .orElseThrow(() -> ApiException.notFound("No team with id '" + teamId + "'."));
        rateLimits.enforce(http, teamId, d.id(), TeamQuota.of(team.trial(), team.dailyRequestLimit()));
        DeploymentChatRequest req = DeploymentChatParser.parse(body, d.model(), d.temperature());
        ModelRouter.ChatRoute route = router.chatRoute(d.model());
        CatalogModel model = route.candidates().get(0);
        boolean vision = model.canSee();
        if (req.hasImages() && !vision) {
            throw ApiException.badRequest("model_not_multimodal", "This deployment's model, " + d.model()
                    + ", does not read images: send the question as text, or attach the document as a url part.");
        }
        List<RagPrompt.Attached> attached = new ArrayList<>();
        for (DeploymentChatRequest.Attachment a : req.attachments()) {
            attached.add(new RagPrompt.Attached(a.messageIndex(), content.read(a.part())));
        }
        String query;
        Usage condensing = Usage.NONE;
        if (req.rewriteQuery().isPresent()) {
            query = req.rewriteQuery().get();
        } else {
            QueryCondenser.Condensed c = condenser.condense(req.chat(), model);
            query = c.query();
            condensing = c.usage();
        }
        KnowledgeBase.Found found = knowledgeBase.search(d, query, req.filter());
        ChatRequest prompt = RagPrompt.build(d.systemPrompt(), req.chat(), found.contexts(), attached, vision);
        return new Prepared(caller, d, origin, req, route, prompt, found.contexts(), query, condensing,
                found.embeddingTokens(), start);
    }

    public DeploymentCompletion complete(Prepared p) {
        ModelRouter.ChatAnswer a = router.chat(p.route(), p.prompt());
        ChatResult r = a.result();
        List<ChatCompletion.Choice> choices = new ArrayList<>(r.choices().size());
        for (ChatResult.Choice c : r.choices()) {
            choices.add(new ChatCompletion.Choice(c.index(),
                    new ChatCompletion.Message("assistant", c.content(), null, c.toolCalls()), null,
                    c.finishReason() == null ? "stop" : c.finishReason()));
        }
        DeploymentUsage usage = usage(p, r.usage());
        record(p, a.servedBy().id(), false, r.usage());
        return new DeploymentCompletion(newId(), ChatCompletion.OBJECT, nowSeconds(), p.deployment().model(),
                choices, usage, p.contexts(), p.retrievalQuery());
    }

    /** Opens the model's stream (every refusal still an HTTP error) and the pump that sends it as events. */
    public StreamPlan openStream(Prepared p) {
        ModelRouter.OpenStream s = router.openStream(p.route(), p.prompt());
        String servedBy = s.servedBy().id();
        ChatStream metered = new MeteredStream(s.stream(), u -> record(p, servedBy, true, u));
        return new StreamPlan(newId(), nowSeconds(), metered, p);
    }

    /**
     * A stream ready to be pumped: its events carry the contexts on the first chunk (null on the others), the
     * usage on the last. Events are made on the pump's one thread.
     */
    public static final class StreamPlan implements SsePump.Events {

        private final String id;
        private final long created;
        private final ChatStream stream;
        private final Prepared prepared;
        private boolean contextsSent;

        StreamPlan(String id, long created, ChatStream stream, Prepared prepared) {
            this.id = id;
            this.created = created;
            this.stream = stream;
            this.prepared = prepared;
        }

        public String id() {
            return id;
        }

        public ChatStream stream() {
            return stream;
        }

        public Prepared prepared() {
            return prepared;
        }

        @Override
        public String delta(ChunkDelta d) {
            List<RagContext> contexts = contextsSent ? null : prepared.contexts();
            contextsSent = true;
            return JsonbProvider.jsonb().toJson(new DeploymentChunk(id, ChatCompletionChunk.OBJECT, created,
                    prepared.deployment().model(), List.of(new ChatCompletionChunk.Choice(d.index(),
                    new ChatCompletionChunk.Delta(d.role(), d.content(), d.toolCalls()), null, d.finishReason())),
                    null, contexts));
        }

        @Override
        public String usage(Usage u) {
            return JsonbProvider.jsonb().toJson(new DeploymentChunk(id, ChatCompletionChunk.OBJECT, created,
                    prepared.deployment().model(), List.of(), DeploymentChatService.usage(prepared, u), null));
        }
    }

    static DeploymentUsage usage(Prepared p, Usage answer) {
        return DeploymentUsage.of(answer.promptTokens() + p.condensing().promptTokens(),
                answer.completionTokens() + p.condensing().completionTokens(), p.embeddingTokens());
    }

    private void record(Prepared p, String servedBy, boolean streamed, Usage answer) {
        long latencyMs = (System.nanoTime() - p.startNanos()) / 1_000_000;
        int prompt = answer.promptTokens() + p.condensing().promptTokens();
        int completion = answer.completionTokens() + p.condensing().completionTokens();
        try {
            ledger.record(p.caller(), p.deployment().model(), servedBy, ENDPOINT, prompt, completion, latencyMs);
            requestLog.record(new DeploymentRequest(p.deployment().id(), p.deployment().teamId(), p.caller().keyId(),
                    p.origin().source(), p.origin().sourceId(), p.deployment().model(), streamed, p.contexts().size(),
                    prompt, completion, p.embeddingTokens(), latencyMs));
        } catch (RuntimeException e) {
            // The client has its answer; losing one record must not turn it into an error.
            LOG.log(Level.WARNING, "Could not record a request of deployment " + p.deployment().id(), e);
        }
    }

    static String newId() {
        return "chatcmpl-" + Ids.hex(12);
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
