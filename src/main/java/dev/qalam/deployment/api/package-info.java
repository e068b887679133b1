/** The Deployment API's wire objects, spelled as its documentation spells them (docs/deployment.md). */
package dev.qalam.deployment.api;
