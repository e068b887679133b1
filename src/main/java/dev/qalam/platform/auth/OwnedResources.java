package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one way to look up a resource for a caller (docs/api-contract.md, "Ownership"): another owner's resource is
 * answered exactly as an unknown one, 404, never 403, so that ids reveal nothing about other owners.
 *
 * @param <T> the kind of resource
 */
public final class OwnedResources<T extends Owned> {

    private final Function<String, Optional<T>> finder;
    private final String notFound;

    private OwnedResources(Function<String, Optional<T>> finder, String notFound) {
        this.finder = finder;
        this.notFound = notFound;
    }

    /**
     * @param finder   finds a resource by id, whoever owns it
     * @param notFound the message of the 404, for example "No OCR job with this token."
     */
    public static <T extends Owned> OwnedResources<T> of(Function<String, Optional<T>> finder, String notFound) {
        return new OwnedResources<>(finder, notFound);
    }

    /** The resource if it exists and is the owner's. */
    public Optional<T> findOwned(String id, String owner) {
        if (id == null || owner == null) {
            return Optional.empty();
        }
        return finder.apply(id).filter(r -> owner.equals(r.owner()));
    }

    /** The caller's resource; 404 for an unknown id and for another owner's alike. */
    public T requireOwned(String id, QalamPrincipal caller) {
        return requireOwned(id, caller.owner());
    }

    public T requireOwned(String id, String owner) {
        return findOwned(id, owner).orElseThrow(() -> ApiException.notFound(notFound));
    }
}
