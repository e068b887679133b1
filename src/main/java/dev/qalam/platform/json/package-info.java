/**
 * The API's JSON conventions: one JSON-P provider for the whole application ({@link dev.qalam.platform.json.Jsonp},
 * bounded in nesting depth) and one JSON-B configuration on top of it ({@link dev.qalam.platform.json.JsonbProvider}:
 * snake_case names, absent optional fields), so that every JSON body, whether read as JSON-P values or bound
 * to records, obeys the same limits.
 */
package dev.qalam.platform.json;
