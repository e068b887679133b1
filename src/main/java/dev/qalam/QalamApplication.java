package dev.qalam;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * The JAX-RS application at the context root, so that both {@code /v1/...} (alAPI) and
 * {@code /api/deployment/...} (the Deployment API) are served by one WAR.
 * {@code @ApplicationScoped} keeps it a CDI bean, which Payara needs to find application-level annotations.
 */
@ApplicationScoped
@ApplicationPath("/")
@OpenAPIDefinition(
        info = @Info(title = "Qalam", version = "1",
                description = "Self-hosted alAPI (OpenAI-compatible LLM gateway, Arabic and English OCR, "
                        + "alRetrieval) and the Deployment API."),
        security = @SecurityRequirement(name = "bearer"),
        // Values of more than one type, named so that client generators can map them to a type of their own.
        components = @Components(schemas = {
            @Schema(name = "EmbeddingInput", oneOf = {String.class, String[].class},
                    description = "Text to embed: a string or an array of strings"),
            @Schema(name = "EmbeddingVector", oneOf = {float[].class, String.class},
                    description = "The vector: numbers, or with encoding_format base64 a base64 string of "
                            + "little-endian float32 values")}))
@SecurityScheme(securitySchemeName = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API key (`Authorization: Bearer qk_...`) or an OpenID Connect access token.")
public class QalamApplication extends Application {
}
