/**
 * {@link dev.playbook.jackson.PlaybookJacksonModule}: the library's results in an application's
 * Jackson {@code ObjectMapper}, written and read by {@link dev.playbook.json.ResultJson}. The only
 * package of the library whose public API names Jackson types, by design.
 */
package dev.playbook.jackson;
