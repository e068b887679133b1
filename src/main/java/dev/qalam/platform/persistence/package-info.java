/**
 * Persistence shared by every feature: the schema and its migrations (Liquibase changelogs under
 * {@code db/changelog}, applied at startup by {@link dev.qalam.platform.persistence.SchemaMigrations}; the
 * naming rule and how to add a changeset are in docs/database.md), identifiers, and JPA converters.
 */
package dev.qalam.platform.persistence;
