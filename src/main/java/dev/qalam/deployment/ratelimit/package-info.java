/**
 * Rate limits of the Deployment API (docs/deployment-rate-limits.md): per client address (1,500 requests per
 * 60 s), per deployment (300 per 60 s) and per team (a daily limit for teams on a trial, or the team's own),
 * evaluated independently with Bucket4j, in this process or in Redis shared by every server.
 *
 * <p><b>How the deployment endpoint uses it.</b> Inject {@link dev.qalam.deployment.ratelimit.DeploymentRateLimits}
 * and call {@code enforce(httpServletRequest, teamId, deploymentId, TeamQuota.of(team.trial, team.dailyLimit))}
 * once per chat request, after authentication and after the deployment is found (so that 401, 403 and 404
 * answers count against nothing and unknown ids create no buckets), and before any retrieval or model call. It
 * returns the decision or throws {@link dev.qalam.deployment.ratelimit.RateLimitExceededException} (429 with
 * {@code Retry-After}, mapped like every {@code ApiException}). {@link
 * dev.qalam.deployment.ratelimit.RateLimitHeadersFilter} then writes {@code X-RateLimit-Limit},
 * {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} and {@code X-RateLimit-Scope} on the answer, whether it
 * is a completion, a stream or an error; for a stream, call {@code enforce} before opening the event sink.
 *
 * <p><b>Semantics</b> (why, in {@link dev.qalam.deployment.ratelimit.RateLimiter} and {@link
 * dev.qalam.deployment.ratelimit.RateLimitDecision}): a refused request consumes no limit; the headers describe
 * the most constrained limit; {@code X-RateLimit-Reset} is seconds until that limit is whole again; the address
 * is the socket's peer unless it is a trusted proxy ({@code QALAM_TRUSTED_PROXIES}). Changing a limit (a setting,
 * or a team's own limit) starts fresh buckets for it.
 *
 * <p><b>Stores.</b> In process by default (Caffeine-bounded: idle buckets expire once full again, at most
 * {@code QALAM_RATE_LOCAL_MAX_BUCKETS}); Redis when {@code REDIS_URL} is set, keys under
 * {@code QALAM_RATE_REDIS_PREFIX} expiring on their own. If Redis fails, limits fall back to per-server buckets
 * and a warning is logged.
 */
package dev.qalam.deployment.ratelimit;
