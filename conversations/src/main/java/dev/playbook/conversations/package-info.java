/**
 * Conversations: call and meeting transcripts and e-mails read from untrusted files, their speakers
 * attributed to the rep side or to a deal's contacts, measured, and matched against trackers.
 *
 * <p>The entry points are {@link dev.playbook.conversations.Transcripts} (read a file into a {@link
 * dev.playbook.conversations.Conversation}), {@link dev.playbook.conversations.Attribution} (who is
 * who), {@link dev.playbook.conversations.TrackerSet} (compile trackers once) and {@link
 * dev.playbook.conversations.ConversationAnalyzer} (metrics, tracker hits and proposed next steps
 * of one conversation). Every result is an immutable record; problems are {@link
 * dev.playbook.problem.Problem}s located in the file as it was written. Definitions of every metric
 * and rule are in {@code docs/conversations.md}.
 */
package dev.playbook.conversations;
