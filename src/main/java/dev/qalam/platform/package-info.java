/**
 * What every feature uses and that uses no feature: authentication and scopes ({@code auth}), the
 * OpenAI error shape ({@code errors}), the blob store ({@code storage}), configuration ({@code config}),
 * JSON conventions ({@code json}), persistence helpers ({@code persistence}) and tracked batch jobs shared
 * by several servers ({@code jobs}).
 */
package dev.qalam.platform;
