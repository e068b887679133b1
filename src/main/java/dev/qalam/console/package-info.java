/**
 * The web console served at {@code /}: static pages (HTML, CSS, JavaScript modules under {@code /console/})
 * and front-end libraries from WebJars ({@code /webjars/}), all from the WAR, none from a CDN. The pages use
 * only the public API, with the credential in the {@code Authorization} header of each call, never in a URL.
 * See docs/console.md.
 */
package dev.qalam.console;
