package dev.playbook.reliability;

/**
 * Trips when anything initialises it. Injection payloads name this class ({@code
 * dev.playbook.reliability.Canary.trip()}); if any of them ever ran as code, the class would be
 * initialised and the property set. Test code must never touch it.
 */
public final class Canary {

  public static final String PROPERTY = "playbook.reliability.canary";

  static {
    System.setProperty(PROPERTY, "tripped");
  }

  private Canary() {}

  public static boolean trip() {
    return true;
  }
}
