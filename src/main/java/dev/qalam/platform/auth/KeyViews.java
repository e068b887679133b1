package dev.qalam.platform.auth;

import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Wire shapes of keys and teams (docs/api-contract.md, "Keys, teams, scopes and ownership"). */
public final class KeyViews {

    private KeyViews() {
    }

    /** {@code trial} and {@code daily_request_limit} set the Deployment API's team limit (both optional). */
    public record CreateTeam(String name, Boolean trial, Long dailyRequestLimit) {
    }

    public record TeamView(String id, String name, Instant createdAt, boolean trial, Long dailyRequestLimit) {
        static TeamView of(Team t) {
            return new TeamView(t.id(), t.name(), t.createdAt(), t.trial(), t.dailyRequestLimit());
        }
    }

    public record TeamList(List<TeamView> teams) {
    }

    public record CreateKey(String name, List<String> scopes, String teamId, Long ocrPageBalance, Long requestLimit) {
    }

    /** Returned once, at creation: the only time {@code key} (the secret) is shown. */
    public record CreatedKey(String id, String key, String name, List<String> scopes, @JsonbNillable String teamId,
                             Long ocrPageBalance, Long requestLimit, Instant createdAt) {
        static CreatedKey of(KeyService.IssuedKey issued) {
            ApiKey k = issued.key();
            return new CreatedKey(k.id(), issued.secret(), k.name(), wire(k.scopes()), k.teamId(),
                    k.ocrPageBalance(), k.requestLimit(), k.createdAt());
        }
    }

    /** A key in a listing: never its secret, only the first characters to tell keys apart. */
    public record KeyView(String id, String name, String prefix, List<String> scopes, @JsonbNillable String teamId,
                          Long ocrPageBalance, Long requestLimit, long requestsUsed, Instant createdAt,
                          Instant lastUsedAt, Instant revokedAt) {
        static KeyView of(ApiKey k) {
            return new KeyView(k.id(), k.name(), k.secretPrefix(), wire(k.scopes()), k.teamId(),
                    k.ocrPageBalance(), k.requestLimit(), k.requestsUsed(), k.createdAt(), k.lastUsedAt(),
                    k.revokedAt());
        }
    }

    public record KeyList(List<KeyView> keys) {
    }

    static List<String> wire(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::wireName).toList();
    }
}
