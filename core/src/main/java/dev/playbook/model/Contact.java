package dev.playbook.model;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * A person on the buying side of a deal.
 *
 * @param id unique within the deal; activities name contacts by it
 * @param name full name, or null
 * @param title job title, or null
 * @param roles the parts the contact plays, iterated in declaration order; never null
 * @param power how much say the contact has, or null if not assessed
 * @param responseMode how the contact sees the change, or null if not assessed
 * @param lastEngagedAt when the contact last engaged, or null
 * @param primary whether the CRM marks the contact as the deal's primary contact
 */
public record Contact(
    String id,
    String name,
    String title,
    Set<BuyingRole> roles,
    Power power,
    ResponseMode responseMode,
    Instant lastEngagedAt,
    boolean primary) {

  public Contact {
    Checks.required(id, "contact id");
    roles = Checks.enumSet(roles, "contact " + id + " roles");
  }

  /** A contact that is not marked primary. */
  public Contact(
      String id,
      String name,
      String title,
      Set<BuyingRole> roles,
      Power power,
      ResponseMode responseMode,
      Instant lastEngagedAt) {
    this(id, name, title, roles, power, responseMode, lastEngagedAt, false);
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds a {@link Contact}; everything but the id is optional. */
  public static final class Builder {
    private final String id;
    private String name;
    private String title;
    private Set<BuyingRole> roles = EnumSet.noneOf(BuyingRole.class);
    private Power power;
    private ResponseMode responseMode;
    private Instant lastEngagedAt;
    private boolean primary;

    private Builder(String id) {
      this.id = id;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder roles(Set<BuyingRole> roles) {
      this.roles = roles;
      return this;
    }

    public Builder roles(BuyingRole... roles) {
      Set<BuyingRole> set = EnumSet.noneOf(BuyingRole.class);
      set.addAll(Arrays.asList(roles));
      return roles(set);
    }

    public Builder power(Power power) {
      this.power = power;
      return this;
    }

    public Builder responseMode(ResponseMode responseMode) {
      this.responseMode = responseMode;
      return this;
    }

    public Builder lastEngagedAt(Instant lastEngagedAt) {
      this.lastEngagedAt = lastEngagedAt;
      return this;
    }

    /** Whether the contact is the deal's primary contact; false if not set. */
    public Builder primary(boolean primary) {
      this.primary = primary;
      return this;
    }

    public Contact build() {
      return new Contact(id, name, title, roles, power, responseMode, lastEngagedAt, primary);
    }
  }
}
