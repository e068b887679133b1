package dev.qalam.platform.auth;

import dev.qalam.platform.errors.ApiException;
import dev.qalam.platform.errors.ErrorResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A spent budget is 402 {@code insufficient_quota}, with the kind's code (docs/api-contract.md). */
@Provider
public class BudgetExhaustedMapper implements ExceptionMapper<BudgetExhaustedException> {

    @Override
    public Response toResponse(BudgetExhaustedException e) {
        return ErrorResponses.of(ApiException.paymentRequired(e.code(), e.getMessage()));
    }
}
