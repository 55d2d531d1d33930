package dev.warmtransfer.speech.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Speaker-labelled calls as an assistant would transcribe them, each with the facts Agent B needs:
 * how the fact may be written in the summary, and how it must sound in the spoken briefing.
 */
public final class TestCalls {
  /** A fact: its kind, the words the summary must hold, the words the spoken text must hold. */
  public record Need(String kind, String written, String spoken) {}

  public record Call(String name, String transcript, String notes, List<String> labels, List<Need> needs) {}

  private TestCalls() {}

  public static final List<Call> ALL = List.of(
      new Call("billing, double charge",
          """
          agent-alice: Thanks for calling Contoso Energy, this is Alice. How can I help you today?
          caller-123: Hi. I was charged twice for my October bill, 182 dollars and 40 cents each time.
          agent-alice: I'm sorry about that. What is your account number?
          caller-123: It's 44102298.
          agent-alice: I can see both payments on October 3rd. I've opened a billing dispute.
          caller-123: I want the second payment refunded to my card, not a credit.
          agent-alice: Understood. I'll transfer you to the billing team so they can issue the refund.
          """, "", List.of("agent-alice", "caller-123"),
          List.of(
              new Need("problem", "charged twice", "charged twice"),
              new Need("account", "44102298", "4 4 1 0 2 2 9 8"),
              new Need("amount", "$182.40", "182 dollars and 40 cents"),
              new Need("date", "October 3rd", "October 3rd"),
              new Need("decided", "opened a billing dispute", "opened a billing dispute"),
              new Need("wants", "refunded", "refunded"),
              new Need("team", "billing", "billing"))),
      new Call("insurance claim",
          """
          Agent: Fabrikam Insurance, Tom speaking.
          Caller: Hello, I filed a claim after a hailstorm damaged my roof and nobody has called me back.
          Agent: I'm sorry to hear that. Do you have the claim number?
          Caller: Yes, it's claim CL-20931. The storm was on May 14.
          Agent: Thank you. I see the adjuster visit was never scheduled. I've marked the claim urgent.
          Caller: I need someone out here this week, water is coming into the kitchen.
          Agent: Let me get you to our claims department, they can book the adjuster.
          """, "", List.of("Agent", "Caller"),
          List.of(
              new Need("problem", "nobody has called", "nobody has called"),
              new Need("claim", "CL-20931", "C L 2 0 9 3 1"),
              new Need("date", "May 14", "May 14"),
              new Need("decided", "marked the claim urgent", "marked the claim urgent"),
              new Need("wants", "this week", "this week"),
              new Need("team", "claims department", "claims department"))),
      new Call("pharmacy refill",
          """
          Pharmacist: Northwind pharmacy.
          Patient: Hi, my blood pressure refill was rejected and I only have two pills left.
          Pharmacist: Can I have the prescription number?
          Patient: RX 558102. My doctor is Dr. Patel at the Riverside clinic.
          Pharmacist: The insurer rejected it yesterday because it needs a prior authorization.
          Patient: I'd like a short emergency supply today if possible.
          Pharmacist: I'll send you to our pharmacist on duty, they can approve an emergency supply.
          """, "", List.of("Pharmacist", "Patient"),
          List.of(
              new Need("problem", "refill was rejected", "refill was rejected"),
              new Need("prescription", "558102", "5 5 8 1 0 2"),
              new Need("date", "yesterday", "yesterday"),
              new Need("wants", "emergency supply", "emergency supply"),
              new Need("tried", "prior authorization", "prior authorization"))),
      new Call("card fraud",
          """
          agent-sam: Woodgrove Bank, this is Sam, how can I help?
          caller-88: There are two purchases on my debit card that I didn't make.
          agent-sam: Which card is it?
          caller-88: The card ending in 0093. One is 482 dollars and 16 cents at an electronics store in Miami, last night.
          agent-sam: I've frozen the card so no more charges can go through.
          caller-88: Thank you. I don't want to wait a week for a new card, I travel on Friday.
          agent-sam: I'll pass you to the fraud team to dispute both purchases and rush a replacement.
          """, "", List.of("agent-sam", "caller-88"),
          List.of(
              new Need("problem", "didn't make", "didn't make"),
              new Need("card ending in", "0093", "0 0 9 3"),
              new Need("amount", "$482.16", "482 dollars and 16 cents"),
              new Need("place", "Miami", "Miami"),
              new Need("decided", "frozen the card", "frozen the card"),
              new Need("wants", "don't want to wait", "don't want to wait"),
              new Need("team", "fraud team", "fraud team"))),
      new Call("HR payroll",
          """
          Priya Shah: People services, Priya here.
          Marcus Webb: Hi Priya, my last paycheck was short, about 640 dollars less than usual.
          Priya Shah: Let me look. What is your employee number?
          Marcus Webb: Employee number 40562.
          Priya Shah: I see your overtime from the pay period ending March 15 was not approved by your manager.
          Marcus Webb: I need the overtime paid before the end of the month, I have rent due.
          Priya Shah: I'll escalate this to the payroll team for an off-cycle payment.
          """, "", List.of("Priya Shah", "Marcus Webb"),
          List.of(
              new Need("problem", "paycheck was short", "paycheck was short"),
              new Need("amount", "$640", "640 dollars"),
              new Need("employee number", "40562", "4 0 5 6 2"),
              new Need("date", "March 15", "March 15"),
              new Need("wants", "overtime paid", "overtime paid"),
              new Need("team", "payroll team", "payroll team"))),
      new Call("internet outage",
          """
          caller-123: Hi, my name is Dana Smith. My internet has been down since Monday.
          agent-alice: I'm sorry. Have you tried restarting the router?
          caller-123: Yes, I already restarted it twice. This is unacceptable, I work from home.
          agent-alice: I ran a line test and there is a fault outside your house. I've booked a technician for Thursday.
          caller-123: I'd rather have someone come tomorrow.
          agent-alice: I'll transfer you to our network team, they may have an earlier slot.
          """, "Account #778812. Customer email dana@example.com.", List.of("agent-alice", "caller-123"),
          List.of(
              new Need("problem", "internet has been down", "internet has been down"),
              new Need("account", "778812", "7 7 8 8 1 2"),
              new Need("date", "Monday", "Monday"),
              new Need("tried", "restarted", "restarted"),
              new Need("decided", "booked a technician", "booked a technician"),
              new Need("wants", "tomorrow", "tomorrow"),
              new Need("team", "network team", "network team"))),
      new Call("gym cancellation",
          """
          agent-kim: Thanks for calling FitLife, this is Kim.
          caller-501: I want to cancel my gym membership. I moved to Portland and there is no club here.
          agent-kim: I can offer you three months at half price.
          caller-501: No, I don't want another offer, please just cancel it.
          agent-kim: Can I have your member ID?
          caller-501: Member ID 7781-22.
          agent-kim: There is a 49 dollar cancellation fee under the contract.
          caller-501: I was told there would be no fee if I moved.
          agent-kim: I'll transfer you to the retention team, they can waive the fee.
          """, "", List.of("agent-kim", "caller-501"),
          List.of(
              new Need("problem", "cancel my gym membership", "cancel their gym membership"),
              new Need("member", "7781-22", "7 7 8 1 2 2"),
              new Need("place", "Portland", "Portland"),
              new Need("wants", "don't want another offer", "don't want another offer"),
              new Need("amount", "$49", "49 dollars"),
              new Need("team", "retention team", "retention team"))),
      new Call("travel rebooking",
          """
          Agent: Tailspin Airlines, how may I help you?
          Customer: My flight to Boston was cancelled and I have a wedding on Saturday.
          Agent: I'm sorry. Could I have your booking reference?
          Customer: It's booking QX7H2P, flying from Chicago.
          Agent: The next seat is on June 6 at 7 am. I've put you on the waitlist for the evening flight.
          Customer: I want to be on the first flight out tomorrow, any airline.
          Agent: I'll get you to the rebooking desk, they can move you to a partner airline.
          """, "", List.of("Agent", "Customer"),
          List.of(
              new Need("problem", "was cancelled", "was cancelled"),
              new Need("booking", "QX7H2P", "Q X 7 H 2 P"),
              new Need("place", "Boston", "Boston"),
              new Need("place", "Chicago", "Chicago"),
              new Need("decided", "waitlist", "waitlist"),
              new Need("wants", "first flight out tomorrow", "first flight out tomorrow"),
              new Need("team", "rebooking desk", "rebooking desk"))),
      new Call("utility, high bill",
          """
          agent-ruth: City Water and Power, Ruth speaking.
          caller-909: My water bill is 312 dollars, it is usually around 60.
          agent-ruth: Could there be a leak? What is the account number?
          caller-909: Account 55120087. I already checked the toilets and taps for leaks.
          agent-ruth: Your meter reading on August 2 jumped sharply. I've ordered a meter re-read.
          caller-909: I want the bill put on hold until the re-read is done.
          agent-ruth: I'll send you to the billing team to pause the bill.
          """, "", List.of("agent-ruth", "caller-909"),
          List.of(
              new Need("problem", "water bill", "water bill"),
              new Need("amount", "$312", "312 dollars"),
              new Need("account", "55120087", "5 5 1 2 0 0 8 7"),
              new Need("tried", "checked the toilets", "checked the toilets"),
              new Need("date", "August 2", "August 2"),
              new Need("decided", "ordered a meter re-read", "ordered a meter re-read"),
              new Need("wants", "put on hold", "put on hold"))),
      new Call("online order",
          """
          agent-lee: Adventure Works store, Lee speaking, how can I help?
          caller-42: I ordered a tent and a stove two weeks ago and only the tent arrived.
          agent-lee: Can I have the order number?
          caller-42: Order 9920417.
          agent-lee: The stove shows as lost in transit. I've issued a replacement with express shipping.
          caller-42: Can you make sure it arrives before the 20th? I leave for a camping trip.
          agent-lee: I'll transfer you to shipping support to guarantee the delivery date.
          """, "", List.of("agent-lee", "caller-42"),
          List.of(
              new Need("problem", "only the tent arrived", "only the tent arrived"),
              new Need("order", "9920417", "9 9 2 0 4 1 7"),
              new Need("date", "2 weeks ago", "2 weeks ago"),
              new Need("decided", "issued a replacement", "issued a replacement"),
              new Need("wants", "before the 20th", "before the 20th"),
              new Need("team", "shipping support", "shipping support"))),
      new Call("health insurance, denied visit",
          """
          Rep: Contoso Health, this is Jordan.
          Member: Hello. My emergency room visit was denied and I got a bill for 2,150 dollars.
          Rep: I'm sorry about that. What is your member number?
          Member: Member number H4471902. The visit was on January 9 at Mercy Hospital in Tulsa.
          Rep: It was denied as out of network. I've reopened the claim for review.
          Member: I don't want this sent to collections while it's reviewed.
          Rep: I'll connect you with the appeals team, they can put a hold on the bill.
          """, "", List.of("Rep", "Member"),
          List.of(
              new Need("problem", "visit was denied", "visit was denied"),
              new Need("amount", "$2,150", "2150 dollars"),
              new Need("member", "H4471902", "H 4 4 7 1 9 0 2"),
              new Need("date", "January 9", "January 9"),
              new Need("place", "Tulsa", "Tulsa"),
              new Need("decided", "reopened the claim", "reopened the claim"),
              new Need("wants", "collections", "collections"),
              new Need("team", "appeals team", "appeals team"))));

  /** Lower case, punctuation as spaces, single spaces, padded: "Card ending in 0 0 9 3." holds " 0 0 9 3 ". */
  static String words(String s) {
    return " " + s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9']+", " ").trim() + " ";
  }

  /** Letters and digits only: the summary may write "$182.40" or "182.40", "CL-20931" or "CL 20931". */
  static String compact(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
  }

  static boolean written(Briefing b, Need n) {
    return compact(b.summary()).contains(compact(n.written()));
  }

  static boolean spoken(Briefing b, Need n) {
    return words(b.spoken()).contains(words(n.spoken()));
  }

  /** Labels heard aloud: "Caller:" anywhere, or an identity such as "caller-123" at all. */
  static List<String> labelsSpoken(Call c, Briefing b) {
    List<String> out = new ArrayList<>();
    String spoken = b.spoken().toLowerCase(Locale.ROOT);
    for (String label : c.labels()) {
      String l = label.toLowerCase(Locale.ROOT);
      if (spoken.contains(l + ":") || (l.matches(".*[-0-9].*") && spoken.contains(l))) {
        out.add(label);
      }
    }
    return out;
  }

  /** Facts kept over all calls: {in the summary, in the spoken text, needed}. */
  public static int[] kept(Summarizer summarizer) {
    int[] k = new int[3];
    for (Call c : ALL) {
      Briefing b = summarizer.summarize(c.transcript(), c.notes());
      for (Need n : c.needs()) {
        k[0] += written(b, n) ? 1 : 0;
        k[1] += spoken(b, n) ? 1 : 0;
        k[2]++;
      }
    }
    return k;
  }

  /** One row per call: facts kept in the summary and in the spoken text. */
  public static String table(Summarizer summarizer) {
    StringBuilder t = new StringBuilder(String.format("%-32s %8s %8s %6s %s%n", "call", "summary", "spoken", "words", "labels spoken"));
    int facts = 0;
    int inSummary = 0;
    int inSpoken = 0;
    for (Call c : ALL) {
      Briefing b = summarizer.summarize(c.transcript(), c.notes());
      long w = c.needs().stream().filter(n -> written(b, n)).count();
      long s = c.needs().stream().filter(n -> spoken(b, n)).count();
      facts += c.needs().size();
      inSummary += (int) w;
      inSpoken += (int) s;
      t.append(String.format("%-32s %5d/%-2d %5d/%-2d %6d %s%n", c.name(), w, c.needs().size(), s, c.needs().size(),
          b.spokenWords(), labelsSpoken(c, b)));
    }
    t.append(String.format("%-32s %5d/%-2d %5d/%-2d%n", "total", inSummary, facts, inSpoken, facts));
    for (Call c : ALL) {
      t.append(String.format("%n[%s] %s", c.name(), summarizer.summarize(c.transcript(), c.notes()).spoken()));
    }
    return t.toString();
  }
}
