package dev.qalam.deployment.ratelimit;

/** The three limits of the Deployment API, evaluated in this order. */
public enum LimitScope {
    /** The client's address (after trusted proxies). */
    IP("ip", "your IP address"),
    /** One deployment, whoever calls it. */
    DEPLOYMENT("deployment", "this deployment"),
    /** One team, for teams marked trial or given their own limit. */
    TEAM("team", "your team");

    private final String header;
    private final String description;

    LimitScope(String header, String description) {
        this.header = header;
        this.description = description;
    }

    /** The value of {@code X-RateLimit-Scope}. */
    public String header() {
        return header;
    }

    /** How an error message names it. */
    public String description() {
        return description;
    }
}
