package dev.qalam.deployment;

import dev.qalam.deployment.api.DeploymentViews.CreateDeployment;
import dev.qalam.llm.CatalogModel;
import dev.qalam.llm.ModelCatalog;
import dev.qalam.platform.auth.KeyService;
import dev.qalam.platform.auth.QalamPrincipal;
import dev.qalam.platform.auth.Team;
import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.persistence.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Deployments of a team: created and deleted by the operator, read by the team's own keys, found by the chat
 * endpoint. Access follows docs/api-contract.md: the operator (scope {@code admin}) reaches every team, a key or
 * signed-in user only its own team (another team is 403, whatever exists there); an unknown team or deployment
 * is 404.
 */
@ApplicationScoped
public class DeploymentService {

    /** The most passages one deployment retrieves per question. */
    public static final int MAX_TOP_K = 50;
    public static final int DEFAULT_TOP_K = 5;
    static final int MAX_COLLECTIONS = 50;

    @PersistenceContext(unitName = "qalam")
    EntityManager em;

    @Inject
    KeyService keys;

    @Inject
    DeploymentRequestLog requestLog;

    @Inject
    ModelCatalog catalog;

    @Inject
    KnowledgeBase knowledgeBase;

    /**
     * This bean through its proxy: every refusal is decided before a transactional method is entered, so that no
     * client error crosses a transaction boundary (Liberty writes an FFDC incident for each one that does).
     */
    @Inject
    DeploymentService self;

    /** 403 unless the caller may use team {@code teamId}: the operator, or a member of the team. */
    public void authorize(QalamPrincipal caller, String teamId) {
        if (!caller.isAdmin() && !caller.memberOf(teamId)) {
            throw ApiException.forbidden("team_forbidden", "This API key does not belong to team '" + teamId
                    + "': use a key of that team.");
        }
    }

    /** The team, once the caller may use it (403 first, then 404). */
    public Team team(QalamPrincipal caller, String teamId) {
        authorize(caller, teamId);
        return keys.team(teamId).orElseThrow(() -> ApiException.notFound("No team with id '" + teamId + "'."));
    }

    /** The team's deployment, once the caller may use the team; 404 when the team has no such deployment. */
    public Deployment find(QalamPrincipal caller, String teamId, String deploymentId) {
        authorize(caller, teamId);
        Deployment d = deploymentId == null ? null : em.find(Deployment.class, deploymentId);
        if (d == null || !d.teamId().equals(teamId)) {
            throw ApiException.notFound("No deployment with id '" + deploymentId + "' in team '" + teamId + "'.");
        }
        return d;
    }

    public List<Deployment> list(QalamPrincipal caller, String teamId) {
        team(caller, teamId);
        return em.createNamedQuery("Deployment.ofTeam", Deployment.class).setParameter("teamId", teamId).getResultList();
    }

    public Deployment create(QalamPrincipal caller, String teamId, CreateDeployment body) {
        team(caller, teamId);
        if (body == null) {
            throw ApiException.badRequest("missing_body", "A JSON request body is required.");
        }
        String name = required(body.name(), "name", 200);
        String model = required(body.model(), "model", 200);
        CatalogModel m = catalog.find(model).orElseThrow(() -> ApiException.badRequest("model_not_found",
                "model: no model '" + model + "' in the catalogue (GET /v1/models lists them)."));
        if (m.isEmbedding()) {
            throw ApiException.badRequest("invalid_value", "model: '" + model + "' is an embedding model; a "
                    + "deployment answers with a chat model.");
        }
        Double temperature = body.temperature();
        if (temperature != null && (temperature < 0 || temperature > 2 || temperature.isNaN())) {
            throw ApiException.badRequest("invalid_value", "temperature: must be between 0 and 2.");
        }
        int topK = body.topK() == null ? DEFAULT_TOP_K : body.topK();
        if (topK < 1 || topK > MAX_TOP_K) {
            throw ApiException.badRequest("invalid_value", "top_k: must be between 1 and " + MAX_TOP_K + ".");
        }
        List<String> collections = collectionIds(body.collectionIds());
        knowledgeBase.checkCollections(caller, teamId, collections);
        String prompt = body.systemPrompt() == null || body.systemPrompt().isBlank() ? null : body.systemPrompt();
        return self.persist(new Deployment(Ids.prefixed("dep_", 12), teamId, name, model, prompt, temperature, topK,
                collections, caller.subject()));
    }

    @Transactional
    public Deployment persist(Deployment d) {
        em.persist(d);
        return d;
    }

    public void delete(QalamPrincipal caller, String teamId, String deploymentId) {
        self.remove(find(caller, teamId, deploymentId).id());
    }

    @Transactional
    public void remove(String deploymentId) {
        Deployment d = em.find(Deployment.class, deploymentId);
        if (d != null) {
            em.remove(d);
        }
    }

    /** The deployment's most recent requests, newest first. */
    public List<DeploymentRequest> requests(QalamPrincipal caller, String teamId, String deploymentId, int limit) {
        Deployment d = find(caller, teamId, deploymentId);
        requestLog.flush();
        return em.createNamedQuery("DeploymentRequest.recent", DeploymentRequest.class)
                .setParameter("deploymentId", d.id()).setMaxResults(limit).getResultList();
    }

    public Optional<Team> teamRecord(String teamId) {
        return keys.team(teamId);
    }

    private static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("missing_required_parameter", field + ": required.");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw ApiException.badRequest("invalid_value", field + ": at most " + max + " characters.");
        }
        return v;
    }

    private static List<String> collectionIds(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > MAX_COLLECTIONS) {
            throw ApiException.badRequest("invalid_value", "collection_ids: at most " + MAX_COLLECTIONS + " collections.");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank() || id.length() > 100) {
                throw ApiException.badRequest("invalid_value", "collection_ids[" + i + "]: a collection id is a "
                        + "non-empty string.");
            }
            out.add(id.strip());
        }
        return new ArrayList<>(out);
    }
}
