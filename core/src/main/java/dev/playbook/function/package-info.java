/**
 * Company-specific functions for the condition language, registered from Java: {@link
 * dev.playbook.function.PlaybookFunction}.
 */
package dev.playbook.function;
