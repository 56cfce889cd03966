/**
 * {@code bin/playbook serve}: playbooks over HTTP with the JSON API of {@code docs/server.md}. The
 * entry point is {@link dev.playbook.server.PlaybookServer}.
 */
package dev.playbook.server;
