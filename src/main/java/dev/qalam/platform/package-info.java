/**
 * What every feature uses and that uses no feature: authentication and scopes ({@code auth}), the
 * OpenAI error shape ({@code errors}), the blob store ({@code storage}), configuration ({@code config})
 * and JSON conventions ({@code json}).
 */
package dev.qalam.platform;
