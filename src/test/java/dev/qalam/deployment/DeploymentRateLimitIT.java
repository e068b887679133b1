package dev.qalam.deployment;

import static dev.qalam.testing.Errors.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.qalam.testing.Api;
import dev.qalam.testing.Keys;
import dev.qalam.testing.SecondServer;
import dev.qalam.testing.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Deployment API's three rate limits, with the short windows {@code ./qalam test} sets (40 requests per 4 s
 * per address, 20 per 4 s per deployment) and a team limit of its own; then one limit shared through Redis by two
 * servers (on PostgreSQL only: embedded Derby is one server's database). Buckets refill continuously (one request back every window / limit), so each test counts how many
 * requests passed before the first 429 and allows for what refilled meanwhile.
 *
 * <p>The requests have an empty {@code messages} array: the limits are counted before the body is read, so a
 * 400 counts like an answer and keeps the test fast.
 */
class DeploymentRateLimitIT {

    static final int IP_LIMIT = Integer.parseInt(System.getenv().getOrDefault("QALAM_RATE_IP_REQUESTS", "40"));
    static final int DEPLOYMENT_LIMIT = Integer.parseInt(System.getenv().getOrDefault("QALAM_RATE_DEPLOYMENT_REQUESTS", "20"));
    static final double WINDOW_SECONDS = Double.parseDouble(System.getenv().getOrDefault("QALAM_RATE_WINDOW_SECONDS", "4"));
    static final Map<String, Object> CHEAP = Api.obj("messages", List.of());

    @BeforeAll
    static void setUp() {
        TestServer.awaitReady();
    }

    /** What a run of requests until the first refusal saw. */
    record Run(int passed, long elapsedMillis, Api.Reply refusal) {
    }

    interface Sender {
        Api.Reply send(int i);
    }

    static Run untilRefused(int most, Sender sender) {
        long start = System.nanoTime();
        for (int i = 0; i < most; i++) {
            Api.Reply r = sender.send(i);
            if (r.status() == 429) {
                return new Run(i, (System.nanoTime() - start) / 1_000_000, r);
            }
            assertEquals(400, r.status(), r.toString());
        }
        throw new AssertionError("no 429 after " + most + " requests");
    }

    /** The limit, plus what refilled while the run lasted (one request every window / limit), plus one. */
    static void assertRefusedAtTheLimit(Run run, int limit) {
        double refillPerMs = limit / (WINDOW_SECONDS * 1000);
        int most = limit + (int) Math.ceil(run.elapsedMillis() * refillPerMs) + 1;
        assertTrue(run.passed() >= limit && run.passed() <= most, "passed " + run.passed() + " in "
                + run.elapsedMillis() + " ms; limit " + limit + ", at most " + most);
    }

    static void assertRefusal(Api.Reply r, String scope, int limit) {
        JsonNode e = assertError(r, 429, "rate_limit_exceeded");
        assertEquals("rate_limit_error", e.get("type").asText());
        assertNotNull(r.header("Retry-After"));
        assertTrue(Integer.parseInt(r.header("Retry-After")) >= 1);
        assertEquals(scope, r.header("X-RateLimit-Scope"));
        assertEquals(Integer.toString(limit), r.header("X-RateLimit-Limit"));
        assertEquals("0", r.header("X-RateLimit-Remaining"));
        assertTrue(Integer.parseInt(r.header("X-RateLimit-Reset")) >= 1);
    }

    @Test
    void theAddressLimitCountsEveryDeploymentOfOneClient() {
        String team = Deployments.team(false, null);
        Keys.TestKey key = Keys.createInTeam(team, "deployment");
        // Spread over three deployments, so that only the address limit can be reached first.
        List<Deployments.Deployment> ds = List.of(Deployments.create(team, "local/extractive", null, List.of()),
                Deployments.create(team, "local/extractive", null, List.of()),
                Deployments.create(team, "local/extractive", null, List.of()));
        Map<String, String> address = Deployments.newClientAddress();
        Run run = untilRefused(IP_LIMIT * 3, i -> key.api().post(ds.get(i % 3).chatPath(), CHEAP, address));
        assertRefusedAtTheLimit(run, IP_LIMIT);
        assertRefusal(run.refusal(), "ip", IP_LIMIT);
        // Another client of the same deployments is not limited by this one's address.
        Api.Reply other = key.api().post(ds.get(0).chatPath(), CHEAP, Deployments.newClientAddress());
        assertEquals(400, other.status(), other.toString());
    }

    @Test
    void theDeploymentLimitCountsEveryClientOfOneDeployment() {
        String team = Deployments.team(false, null);
        Keys.TestKey key = Keys.createInTeam(team, "deployment");
        Deployments.Deployment d = Deployments.create(team, "local/extractive", null, List.of());
        Run run = untilRefused(DEPLOYMENT_LIMIT * 3, i -> key.api().post(d.chatPath(), CHEAP, Deployments.newClientAddress()));
        assertRefusedAtTheLimit(run, DEPLOYMENT_LIMIT);
        assertRefusal(run.refusal(), "deployment", DEPLOYMENT_LIMIT);
        Api.Reply otherDeployment = key.api().post(Deployments.create(team, "local/extractive", null, List.of()).chatPath(),
                CHEAP, Deployments.newClientAddress());
        assertEquals(400, otherDeployment.status(), otherDeployment.toString());
    }

    @Test
    void aTeamsDailyLimitCountsAllItsDeployments() {
        String team = Deployments.team(true, 5L);
        Keys.TestKey key = Keys.createInTeam(team, "deployment");
        Deployments.Deployment a = Deployments.create(team, "local/extractive", null, List.of());
        Deployments.Deployment b = Deployments.create(team, "local/extractive", null, List.of());
        Map<String, String> address = Deployments.newClientAddress();
        for (int i = 0; i < 5; i++) {
            Api.Reply r = key.api().post((i % 2 == 0 ? a : b).chatPath(), CHEAP, address);
            assertEquals(400, r.status(), r.toString());
        }
        Api.Reply refused = key.api().post(a.chatPath(), Deployments.ask("Hello?"), address);
        assertRefusal(refused, "team", 5);
        assertTrue(refused.json().get("error").get("message").asText().contains("day"), refused.toString());
    }

    @Test
    void twoServersShareOneLimitThroughRedis() {
        Assumptions.assumeTrue("postgres".equals(System.getenv("DB_KIND")), "Several servers need a shared "
                + "database: this test runs on PostgreSQL (DB_KIND=postgres), not on embedded Derby");
        String team = Deployments.team(false, null);
        Keys.TestKey key = Keys.createInTeam(team, "deployment");
        Deployments.Deployment d = Deployments.create(team, "local/extractive", null, List.of());
        try (SecondServer second = SecondServer.start()) {
            Api first = key.api();
            Api other = key.api().at(second.baseUrl());
            Run run = untilRefused(DEPLOYMENT_LIMIT * 3, i -> (i % 2 == 0 ? first : other).post(d.chatPath(), CHEAP,
                    Deployments.newClientAddress()));
            // Each server alone would let the whole limit through: together they let it through once.
            assertRefusedAtTheLimit(run, DEPLOYMENT_LIMIT);
            assertRefusal(run.refusal(), "deployment", DEPLOYMENT_LIMIT);
        }
    }
}
