package dev.qalam.platform.auth;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who is calling, whatever the credential: an API key or an SSO token both end here.
 *
 * @param keyId   the API key's id, or null for an SSO token (budgets are per key)
 * @param subject the key's id or the token's {@code sub}, for logs and audit
 * @param owner   who owns what this caller creates and sees: {@code team:<id>}, {@code key:<id>} or {@code sub:<sub>}
 * @param teamIds the teams the caller belongs to (a key has at most one)
 * @param scopes  what the caller may do
 */
public record QalamPrincipal(String keyId, String subject, String owner, List<String> teamIds, Set<Scope> scopes,
                             AuthMethod method) {

    public enum AuthMethod { API_KEY, ADMIN_KEY, SSO }

    public QalamPrincipal {
        teamIds = List.copyOf(teamIds);
        scopes = scopes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scopes));
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    public boolean isAdmin() {
        return scopes.contains(Scope.ADMIN);
    }

    public boolean memberOf(String teamId) {
        return teamIds.contains(teamId);
    }

    /** The first team, which owns what the caller creates, or null. */
    public String teamId() {
        return teamIds.isEmpty() ? null : teamIds.get(0);
    }

    public static String ownerOfTeam(String teamId) {
        return "team:" + teamId;
    }

    public static String ownerOfKey(String keyId) {
        return "key:" + keyId;
    }

    public static String ownerOfSubject(String sub) {
        return "sub:" + sub;
    }
}
