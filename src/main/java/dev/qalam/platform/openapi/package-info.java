/**
 * The served OpenAPI document (MicroProfile OpenAPI, {@code /openapi}): what the annotations on the resources
 * cannot say once for all, because it comes from filters every endpoint passes through.
 */
package dev.qalam.platform.openapi;
