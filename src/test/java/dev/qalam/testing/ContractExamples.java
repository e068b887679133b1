package dev.qalam.testing;

/** Examples from the API contract (docs/api-contract.md), verbatim, for every test that must accept them. */
public final class ContractExamples {

    private ContractExamples() {
    }

    /** The Deployment API's metadata filtering example, as its documentation writes it. */
    public static final String DEPLOYMENT_FILTER = """
            {
            "bool" : {
            "must" : [
            {
            "bool" : {
            "should" : [
            { "term" : { "jurisdiction" : "alabama" } },
            { "term" : { "jurisdiction" : "florida" } },
            { "term" : { "jurisdiction" : "nevada" } }
            ]
            }
            },
            {
            "range" : { "date" : {"gt": "2024-10-29" } }
            }
            ]
            }
            }""";
}
