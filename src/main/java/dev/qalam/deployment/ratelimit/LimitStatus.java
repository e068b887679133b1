package dev.qalam.deployment.ratelimit;

import java.time.Duration;

/**
 * Where one limit stands after a request.
 *
 * @param scope     which limit
 * @param limit     requests allowed per window
 * @param remaining requests left now
 * @param window    the limit's window
 * @param reset     how long until the limit is whole again ({@code remaining == limit}): for the per-window
 *                  limits, until the token bucket has refilled; for the team, until its window ends
 */
public record LimitStatus(LimitScope scope, long limit, long remaining, Duration window, Duration reset) {
}
