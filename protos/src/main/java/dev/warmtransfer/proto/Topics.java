package dev.warmtransfer.proto;

/**
 * LiveKit data-packet topics and participant attributes both sides of a call agree on. Defined
 * once here so the service, the bot and the tests cannot drift apart.
 */
public final class Topics {
  private Topics() {}

  /** Service to a bot job: a {@link BotInstruction} (protobuf), sent to the bot's identity. */
  public static final String BOT_INSTRUCTION = "wt.bot";

  /** Service to browsers in R and H: a transfer's phase changed (JSON). */
  public static final String TRANSFER = "wt.transfer";

  /** Briefer to Agent B (and later joiners): the structured briefing (JSON). */
  public static final String BRIEFING = "wt.briefing";

  /** Agent B's console to the briefer: accept or decline with a reason (JSON). */
  public static final String DECISION = "wt.decision";

  /** Service to the caller's page in the seed's move-caller mode: a token for the handoff room (JSON). */
  public static final String MOVE = "wt.move";

  /** LiveKit's own topic for live captions (text streams, livekit-client shows them). */
  public static final String TRANSCRIPTION = "lk.transcription";

  /** The agent name every worker registers under; the kind of job is in the {@link JobSpec}. */
  public static final String AGENT_NAME = "warm-transfer";

  /** Participant attribute: "caller", "agent" or "bot" (tokens minted by the service set it). */
  public static final String ATTR_ROLE = "role";

  /** Bot participant attribute: "assistant" or "briefer". */
  public static final String ATTR_JOB = "wt.job";

  /** Bot participant attribute: the transfer a briefer serves. */
  public static final String ATTR_TRANSFER = "wt.transfer";

  /** Where bots report: {@code POST <service>/internal/bot/reports} with a {@link BotReport}. */
  public static final String REPORTS_PATH = "/internal/bot/reports";

  /** The content type of bot reports. */
  public static final String PROTOBUF = "application/x-protobuf";
}
