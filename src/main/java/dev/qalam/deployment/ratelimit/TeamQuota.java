package dev.qalam.deployment.ratelimit;

import java.util.OptionalLong;

/**
 * What the team limit of one team is, as the caller knows it from the team's record: whether the team is on a
 * trial, and the team's own limit if the operator gave it one. A team's own limit applies whether or not it is
 * on a trial (the operator can cap any team); without one, trial teams get {@code QALAM_RATE_TEAM_TRIAL_REQUESTS}
 * and other teams have no team limit.
 *
 * @param trial    the team is on a free trial
 * @param override the team's own requests per team window, at least 1, or empty
 */
public record TeamQuota(boolean trial, OptionalLong override) {

    private static final TeamQuota UNLIMITED = new TeamQuota(false, OptionalLong.empty());
    private static final TeamQuota TRIAL = new TeamQuota(true, OptionalLong.empty());

    public TeamQuota {
        if (override.isPresent() && override.getAsLong() < 1) {
            throw new IllegalArgumentException("a team's own request limit must be at least 1");
        }
    }

    /** A team with no team limit (not on a trial, no limit of its own). */
    public static TeamQuota unlimited() {
        return UNLIMITED;
    }

    /** A trial team with the default trial limit. */
    public static TeamQuota trialDefault() {
        return TRIAL;
    }

    /** A team's quota from its record; {@code override} null or absent means none of its own. */
    public static TeamQuota of(boolean trial, Long override) {
        return new TeamQuota(trial, override == null ? OptionalLong.empty() : OptionalLong.of(override));
    }

    /** The limit that applies, given the trial default (0 = off), or empty when the team has none. */
    public OptionalLong limit(long trialDefault) {
        if (override.isPresent()) {
            return override;
        }
        return trial && trialDefault > 0 ? OptionalLong.of(trialDefault) : OptionalLong.empty();
    }
}
