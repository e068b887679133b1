package dev.qalam.platform.auth;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a signed-in user may do, read from the token's groups claim: entries named like a scope
 * ({@code llm}, {@code models}, {@code ocr}, {@code alretrieval}, {@code deployment}, {@code admin}) grant
 * it, and {@code team:<teamId>} entries make the user a member of that team, in the order given (the first
 * team owns what the user creates). Every other entry is ignored: identity providers put all sorts of
 * groups in that claim, and only these names mean something to Qalam.
 */
final class SsoGroups {

    static final String TEAM_PREFIX = "team:";
    /** Team ids are short random hex; this also keeps odd values out of owner strings and logs. */
    private static final Pattern TEAM_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

    private SsoGroups() {
    }

    record Grants(Set<Scope> scopes, List<String> teamIds) {
    }

    /**
     * The value of {@code name} in the claims: the claim of exactly that name (claim names may contain dots,
     * like namespaced URL claims), otherwise the dotted path into nested objects, so that Keycloak's
     * {@code realm_access.roles} can be named directly.
     */
    static Object claim(Map<String, Object> claims, String name) {
        if (claims.containsKey(name)) {
            return claims.get(name);
        }
        Object current = claims;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    /** Grants from the claim's value: an array of strings, or one string separated by spaces or commas. */
    static Grants grants(Object value) {
        List<String> entries = new ArrayList<>();
        if (value instanceof String s) {
            entries.addAll(List.of(SEPARATORS.split(s.strip())));
        } else if (value instanceof Collection<?> items) {
            items.stream().filter(String.class::isInstance).map(String.class::cast).forEach(entries::add);
        } else if (value instanceof Object[] items) {
            for (Object o : items) {
                if (o instanceof String s) {
                    entries.add(s);
                }
            }
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        List<String> teams = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.strip();
            // Keycloak's group mapper writes top-level groups as "/llm" unless "Full group path" is off.
            // Only that one leading slash is dropped: "/other-app/admin" must not grant admin.
            if (entry.startsWith("/") && entry.indexOf('/', 1) < 0) {
                entry = entry.substring(1);
            }
            if (entry.regionMatches(true, 0, TEAM_PREFIX, 0, TEAM_PREFIX.length())) {
                String team = entry.substring(TEAM_PREFIX.length());
                if (TEAM_ID.matcher(team).matches() && !teams.contains(team)) {
                    teams.add(team);
                }
            } else {
                Scope.fromWire(entry).ifPresent(scopes::add);
            }
        }
        return new Grants(scopes, teams);
    }
}
