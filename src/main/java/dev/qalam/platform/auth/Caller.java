package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import jakarta.enterprise.context.RequestScoped;

/** The authenticated caller of the current request, set once by {@link AuthFilter}. */
@RequestScoped
public class Caller {

    private QalamPrincipal principal;

    void set(QalamPrincipal principal) {
        this.principal = principal;
    }

    /** The caller; a request that reached a non-public resource always has one. */
    public QalamPrincipal principal() {
        if (principal == null) {
            throw ApiException.unauthorized("Missing API key. Send it as 'Authorization: Bearer YOUR_API_KEY'.");
        }
        return principal;
    }

    public boolean isAuthenticated() {
        return principal != null;
    }

    public String owner() {
        return principal().owner();
    }
}
