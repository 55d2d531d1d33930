package dev.warmtransfer.speech;

/** Which engine produced a result; logged and shown so a lower-quality local answer is never mistaken. */
public enum Provider {
  OPENAI("openai"),
  LOCAL("local");

  private final String wireName;

  Provider(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
