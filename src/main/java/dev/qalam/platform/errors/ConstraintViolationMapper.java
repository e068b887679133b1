package dev.qalam.platform.errors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.stream.Collectors;

/** Bean Validation failures on request bodies and parameters: 400 with the offending fields named. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException e) {
        String message = e.getConstraintViolations().stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(ConstraintViolationMapper::describe)
                .collect(Collectors.joining("; "));
        return ErrorResponses.of(400, ApiException.INVALID_REQUEST, "invalid_value",
                message.isEmpty() ? "Invalid request." : message);
    }

    private static String describe(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        // "create.arg0.name" -> "name": the client knows its fields, not our method names.
        int dot = path.lastIndexOf('.');
        String field = dot < 0 ? path : path.substring(dot + 1);
        return field + ": " + v.getMessage();
    }
}
