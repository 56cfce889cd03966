/**
 * What a loaded playbook holds, as immutable values: its rules, methodologies and their elements,
 * stages, key nodes and their criteria, and parameters. {@code Playbook.describe()} gives the
 * {@link dev.playbook.descriptor.PlaybookDescriptor} of a playbook; a report, an editor or an admin
 * page reads it instead of evaluating made-up deals to learn what a playbook contains.
 */
package dev.playbook.descriptor;
