package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

final class ScopeParser {

    private ScopeParser() {
    }

    /** The scopes named in a request; an unknown name is a 400 that lists the valid ones. */
    static Set<Scope> parse(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw ApiException.badRequest("invalid_value", "scopes: give at least one scope.");
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String n : names) {
            scopes.add(Scope.fromWire(n).orElseThrow(() -> ApiException.badRequest("invalid_value",
                    "scopes: unknown scope '" + n + "'; valid scopes are "
                            + KeyViews.wire(EnumSet.allOf(Scope.class)) + ".")));
        }
        return scopes;
    }
}
