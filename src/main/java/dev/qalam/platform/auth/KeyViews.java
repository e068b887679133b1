package dev.qalam.platform.auth;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Wire shapes of keys and teams (docs/api-contract.md, "Keys, teams, scopes and ownership"). */
public final class KeyViews {

    private KeyViews() {
    }

    public record CreateTeam(String name) {
    }

    public record TeamView(String id, String name, Instant createdAt) {
        static TeamView of(Team t) {
            return new TeamView(t.id(), t.name(), t.createdAt());
        }
    }

    public record TeamList(List<TeamView> teams) {
    }

    public record CreateKey(String name, List<String> scopes, String teamId, Long ocrPageBalance, Long requestLimit) {
    }

    /** Returned once, at creation: the only time {@code key} (the secret) is shown. */
    public record CreatedKey(String id, String key, String name, List<String> scopes, @JsonbNillable String teamId,
                             Long ocrPageBalance, Long requestLimit, String createdBy, Instant createdAt) {
        static CreatedKey of(KeyService.IssuedKey issued) {
            ApiKey k = issued.key();
            return new CreatedKey(k.id(), issued.secret(), k.name(), wire(k.scopes()), k.teamId(),
                    issued.ocrPageBalance(), issued.requestLimit(), k.createdBy(), k.createdAt());
        }
    }

    /** A key in a listing: never its secret, only the first characters to tell keys apart. */
    /**
     * A key in a listing: never its secret, only the first characters to tell keys apart. The budgets are the
     * key's own ({@code ocr_page_balance} what is left of it); a key with a {@code parent_id} also draws on its
     * maker's.
     */
    public record KeyView(String id, String name, String prefix, List<String> scopes, @JsonbNillable String teamId,
                          Long ocrPageBalance, Long requestLimit, long requestsUsed, String createdBy,
                          String parentId, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        static KeyView of(ApiKey k, Map<String, Quota> quotas) {
            Quota requests = quotas.get(QuotaKind.REQUESTS.id());
            Quota pages = quotas.get(QuotaKind.OCR_PAGES.id());
            return new KeyView(k.id(), k.name(), k.secretPrefix(), wire(k.scopes()), k.teamId(),
                    pages == null ? null : pages.left(), requests == null ? null : requests.allowance(),
                    requests == null ? 0 : requests.used(), k.createdBy(), k.parentId(), k.createdAt(),
                    k.lastUsedAt(), k.revokedAt());
        }
    }

    /** Listing entries for keys, with their budgets read in one query. */
    static List<KeyView> of(List<ApiKey> keys, KeyService service) {
        Map<String, Map<String, Quota>> quotas = service.quotas(keys.stream().map(ApiKey::id).toList());
        return keys.stream().map(k -> KeyView.of(k, quotas.getOrDefault(k.id(), Map.of()))).toList();
    }

    public record KeyList(List<KeyView> keys) {
    }

    static List<String> wire(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wireName).toList();
    }
}
