/** alRetrieval's wire objects, field for field as docs/api-contract.md documents them (snake_case on the wire). */
package dev.qalam.retrieval.api;
