/** Cross-cutting HTTP concerns that every endpoint shares, such as bounding request bodies. */
package dev.qalam.platform.http;
