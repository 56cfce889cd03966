/**
 * The JSON contract: results, explanations and problems to and from the versioned JSON of {@code
 * docs/json.md}, with no JSON library type in any signature.
 */
package dev.playbook.json;
