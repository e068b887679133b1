package dev.qalam.deployment.ratelimit;

import java.util.Objects;

/**
 * One request to check.
 *
 * @param clientAddress the client's address, as {@link dev.qalam.platform.net.TrustedProxies} finds it
 * @param teamId        the team in the path, once the caller may use it
 * @param deploymentId  the deployment in the path, once it is known to exist
 * @param team          the team's quota, from its record
 */
public record RateLimitRequest(String clientAddress, String teamId, String deploymentId, TeamQuota team) {

    public RateLimitRequest {
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(deploymentId, "deploymentId");
        Objects.requireNonNull(team, "team");
    }
}
