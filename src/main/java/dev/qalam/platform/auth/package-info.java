/**
 * Who is calling and what they may do: API keys, teams, scopes, budgets, and sign-in through the
 * organisation's identity provider (SSO, OpenID Connect).
 *
 * <p><b>One bearer header, two kinds of credential.</b> Clients send every credential the same way,
 * {@code Authorization: Bearer ...}, as docs/api-contract.md documents for API keys.
 * {@link dev.qalam.platform.auth.AuthFilter} hands it to {@link dev.qalam.platform.auth.Authenticator}, which
 * decides by its shape: the operator's key is compared first, an API key starts with {@code qk_}, and three
 * dot-separated base64url parts are a JWT that {@link dev.qalam.platform.auth.SsoAuthenticator} verifies with
 * Nimbus JOSE+JWT. Every path ends in the same {@link dev.qalam.platform.auth.QalamPrincipal}, so resources,
 * scopes and ownership never care how a caller signed in.
 *
 * <p><b>Why not the server's MicroProfile JWT feature.</b> Liberty's {@code mpJwt} would claim every bearer
 * header, try to validate API keys as JWTs and reject them, and it switches on role checks for Jakarta Batch
 * (with {@code mpJwt} on, Liberty refuses batch operations with CWWKY0304W unless the batch roles are mapped in
 * server.xml; it stays off, so no batch role mapping is needed). Verifying tokens in the application also keeps
 * the WAR portable to Payara, whose MP-JWT is configured differently, and lets the rules be unit-tested:
 * RS256/ES256 only, exact issuer, audience, expiry with a bounded clock skew, keys from the provider's JWKS
 * cached and refreshed on an unknown key id with a rate limit ({@link dev.qalam.platform.auth.SsoKeys}).
 *
 * <p><b>Ownership.</b> What a caller creates belongs to its owner: the key's team, the key itself, or for a
 * signed-in user the first {@code team:<id>} of the groups claim, otherwise {@code sub:<sub>}. A key a user
 * makes for itself ({@code POST /v1/keys}) gets that same owner and at most the user's scopes, so the user and
 * the key see the same resources.
 */
package dev.qalam.platform.auth;
