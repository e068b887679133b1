/**
 * Small persistence helpers every feature uses: random ids ({@code Ids}), the {@code Instant} column
 * mapping JPA 3.1 lacks ({@code InstantConverter}), and work to run once the current transaction has ended
 * ({@code AfterTransaction}).
 */
package dev.qalam.platform.persistence;
