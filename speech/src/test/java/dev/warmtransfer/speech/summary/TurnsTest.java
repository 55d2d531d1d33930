package dev.warmtransfer.speech.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warmtransfer.speech.summary.Turn.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who is the caller: by the label's words, else by who greets and who asks for help. */
class TurnsTest {
  private final LocalSummarizer summarizer = new LocalSummarizer();

  @Test
  void identityAndRoleLabelsDecideTheRole() {
    List<Turn> turns = Turns.parse("""
        agent-alice: Thanks for calling, how can I help?
        caller-123: My card was charged twice.
        Customer: and it is still pending
        Rep: I see.
        """);
    assertThat(turns).extracting(Turn::role).containsExactly(Role.AGENT, Role.CALLER, Role.CALLER, Role.AGENT);
    assertThat(turns.get(1).text()).isEqualTo("My card was charged twice.");
  }

  @Test
  void namesAreToldApartByWhoGreetsAndWhoNeedsHelp() {
    List<Turn> turns = Turns.parse("""
        Tom Baker: Fabrikam Insurance, Tom speaking. How can I help?
        Ana Ruiz: Hi, my claim was denied and I need it reviewed.
        Tom Baker: What is your claim number?
        """);
    assertThat(turns).extracting(Turn::role).containsExactly(Role.AGENT, Role.CALLER, Role.AGENT);
  }

  @Test
  void proseWithColonsIsNotALabel() {
    assertThat(Turns.labelEnd("Customer called about billing issue. Note: urgent")).isEqualTo(-1);
    assertThat(Turns.labelEnd("Caller: hello")).isEqualTo(6);
    assertThat(Turns.labelEnd("at 10:30 the line dropped")).isEqualTo(-1);
  }

  @Test
  void theAgentsGreetingIsNeverTheProblem() {
    Briefing b = summarizer.summarize("""
        Pharmacist: Northwind pharmacy.
        Patient: Hi, my refill was rejected.
        """, "");
    assertThat(b.reason()).isEqualTo("my refill was rejected.");
    assertThat(b.spoken()).startsWith("The caller says their refill was rejected.").doesNotContain("Northwind");
  }

  @Test
  void structuredTurnsFromTheCallAssistantGiveTheSameBriefing() {
    TestCalls.Call call = TestCalls.ALL.get(3);
    List<Turn> parsed = Turns.parse(call.transcript());
    // As the call assistant knows them: participant identities and roles, no labels to parse.
    List<Turn> structured = parsed.stream()
        .map(t -> new Turn(t.role() == Role.CALLER ? "PA_caller" : "PA_agent", t.role(), t.text()))
        .toList();
    Briefing fromText = summarizer.summarize(call.transcript(), call.notes());
    Briefing fromTurns = summarizer.summarize(structured, call.notes());
    assertThat(fromTurns.facts()).isEqualTo(fromText.facts());
    assertThat(fromTurns.spoken()).isEqualTo(fromText.spoken());
    assertThat(fromTurns.facts()).contains(new Briefing.Fact("card ending in", "0093"),
        new Briefing.Fact("amount", "$482.16"), new Briefing.Fact("team", "fraud team"),
        new Briefing.Fact("place", "Miami"));
    assertThat(fromTurns.decided()).containsExactly("I've frozen the card so no more charges can go through.");
  }

  @Test
  void turnsWithoutRolesAreReadByWhatIsSaid() {
    List<Turn> turns = List.of(
        new Turn("x", Role.AGENT, "Contoso, how can I help?"),
        new Turn("y", Role.UNKNOWN, "My order 9920417 never arrived."));
    Briefing b = summarizer.summarize(turns, "");
    assertThat(b.facts()).contains(new Briefing.Fact("order", "9920417"));
    assertThat(b.spoken()).startsWith("The caller says their order 9 9 2 0 4 1 7 never arrived.");
  }
}
