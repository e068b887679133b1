/**
 * Persistence shared by every feature: the schema and its migrations (Liquibase changelogs under
 * {@code db/changelog}, applied at startup by {@link dev.qalam.platform.persistence.SchemaMigrations}; the
 * naming rule and how to add a changeset are in docs/database.md), random ids ({@code Ids}), the
 * {@code Instant} column mapping JPA 3.1 lacks ({@code InstantConverter}), and work to run once the current
 * transaction has ended ({@code AfterTransaction}).
 */
package dev.qalam.platform.persistence;
