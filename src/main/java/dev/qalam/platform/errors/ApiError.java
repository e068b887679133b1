package dev.qalam.platform.errors;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The documented error body: {@code {"error":{"message","type","code"}}}. */
public record ApiError(Detail error) {

    @Schema(name = "ErrorDetail")
    public record Detail(String message, String type, String code) {
    }

    public static ApiError of(String message, String type, String code) {
        return new ApiError(new Detail(message, type, code));
    }
}
