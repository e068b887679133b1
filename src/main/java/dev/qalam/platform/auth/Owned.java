package dev.qalam.platform.auth;

/**
 * A resource that belongs to one owner ({@link QalamPrincipal#owner()}: a team, a key or a signed-in user):
 * OCR jobs now, collections, documents and deployments next.
 */
public interface Owned {
    String owner();
}
